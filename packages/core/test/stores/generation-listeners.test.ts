import { describe, expect, it } from "vitest";
import { createGenerationListeners } from "../../src/stores/generation-listeners.js";
import type { GenerationListener } from "../../src/stores/wait-for-generation.js";

/** A listener that records what it was told. */
const recorder = () => {
  const seen: string[] = [];
  const listener: GenerationListener = {
    recheck: () => seen.push("recheck"),
    changed: (generation) => seen.push(`changed ${generation}`),
  };
  return { seen, listener };
};

describe("createGenerationListeners", () => {
  it("hands a key's notifications to that key's listeners only, until each stops", () => {
    const listeners = createGenerationListeners();
    const a1 = recorder();
    const a2 = recorder();
    const b = recorder();
    const stopA1 = listeners.add("a", a1.listener);
    listeners.notifications("a").subscribe(a2.listener);
    listeners.notifications("b").subscribe(b.listener);

    listeners.recheck("a");
    listeners.changed("a", 7);
    stopA1();
    listeners.recheck("a");
    listeners.recheckAll();

    expect(a1.seen).toEqual(["recheck", "changed 7"]);
    expect(a2.seen).toEqual(["recheck", "changed 7", "recheck", "recheck"]);
    expect(b.seen).toEqual(["recheck"]);
  });

  it("lets a listener stop while being notified, without skipping the others", () => {
    const listeners = createGenerationListeners();
    const later = recorder();
    let calls = 0;
    const stop = listeners.add("k", {
      recheck: () => {
        calls++;
        stop();
      },
      changed: () => {},
    });
    listeners.notifications("k").subscribe(later.listener);
    listeners.recheck("k");
    listeners.recheck("k");
    expect(later.seen).toEqual(["recheck", "recheck"]);
    expect(calls).toBe(1);
  });

  it("passes the given liveness through to the waiter, and leaves it out otherwise", () => {
    const listeners = createGenerationListeners();
    expect(listeners.notifications("k", () => true).live?.()).toBe(true);
    expect(listeners.notifications("k").live).toBeUndefined();
  });
});
