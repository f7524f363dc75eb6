/**
 * The opening of the circuit mints at most one token for the whole fleet (issue 9: "app deactivated: at
 * most one mint per cool-down while refused"). The fleet test measured 2-3 mints at the opening on 8 x 16
 * processes: a refused token left the store before the circuit record was written, and a fresh
 * replacement token refused on another request's first attempt was replaced by yet another mint. Two
 * processes share one memory store here, and the gap between their store writes is held open on purpose.
 */
import { describe, expect, it } from "vitest";
import { createMemoryStore } from "../../src/index.js";
import { credentialKeys } from "../../src/tokens/keys.js";
import { fakeClock } from "./fake-token-endpoint.js";
import { base, openCircuit, refused, setup } from "./setup.js";
import { pausingStore } from "./store-wrappers.js";

const keys = credentialKeys("zoomkit:", base.accountId, base.clientId, base.clientSecret);

describe("the circuit's opening: one mint for the fleet, whatever the interleaving", () => {
  it("never leaves the store without both the refused token and the circuit: a process refused meanwhile mints nothing", async () => {
    const clock = fakeClock();
    const shared = createMemoryStore(clock);
    // The diagnosing process is held just before it writes the circuit record.
    const held = pausingStore(shared, "compareAndSet", keys.circuit);
    const { make, zoom } = setup({ store: shared, now: clock.now });
    const diagnosing = make({ store: held.store });
    const other = make();
    const first = await diagnosing.getToken();
    expect((await other.getToken()).fingerprint).toBe(first.fingerprint);
    const second = await diagnosing.unauthorized(first, refused, { attempt: 1 });
    expect(zoom.mints()).toBe(2);
    const verdict = diagnosing.unauthorized(second!, refused, { attempt: 2 }).catch((e: unknown) => e);
    await held.reached;
    // In the gap, the other process's request with the first token is refused: it must find either the
    // refused token (and be refused with it in turn) or the open circuit, never an empty store to mint into.
    const retry = await other.unauthorized(first, refused, { attempt: 1 }).catch((e: unknown) => e);
    expect(zoom.mints()).toBe(2);
    expect(retry).toMatchObject({ fingerprint: second!.fingerprint });
    held.release();
    expect(await verdict).toMatchObject({ code: "app_rejected" });
    await expect(other.unauthorized(second!, refused, { attempt: 2 })).rejects.toMatchObject({
      code: "app_rejected",
    });
    // The refused token leaves the store once the circuit is there.
    expect(await shared.get(keys.token)).toBeNull();
    expect(zoom.mints()).toBe(2);
  });

  it("lets a process's other callers wait for its verdict instead of minting over the token it is diagnosing", async () => {
    const clock = fakeClock();
    const shared = createMemoryStore(clock);
    const held = pausingStore(shared, "compareAndSet", keys.circuit);
    const { make, zoom } = setup({ store: held.store, now: clock.now });
    const tokens = make();
    const first = await tokens.getToken();
    const second = await tokens.unauthorized(first, refused, { attempt: 1 });
    const verdict = tokens.unauthorized(second!, refused, { attempt: 2 }).catch((e: unknown) => e);
    await held.reached;
    // Another request of the same process, sent with the first token, is refused late: the store still
    // holds the replacement, which this process has refused and is diagnosing; it must not mint over it.
    const late = tokens.unauthorized(first, refused, { attempt: 1 }).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(zoom.mints()).toBe(2);
    held.release();
    expect(await verdict).toMatchObject({ code: "app_rejected" });
    expect(await late).toMatchObject({ code: "app_rejected" });
    expect(zoom.mints()).toBe(2);
  });

  it("diagnoses a fresh replacement token refused on a request's first attempt instead of minting another", async () => {
    const { tokens, make, zoom } = setup();
    const other = make();
    const first = await tokens.getToken();
    await other.getToken();
    // The first refusal anywhere gets the fleet one replacement token (minted once, read by the other).
    const second = await tokens.unauthorized(first, refused, { attempt: 1 });
    // The other process reads it from the store, marked as the replacement of the refused token.
    const picked = await other.unauthorized(first, refused, { attempt: 1 });
    expect(picked).toMatchObject({ fingerprint: second!.fingerprint, replaces: first.fingerprint });
    expect(zoom.mints()).toBe(2);
    // A new request of the other process uses the replacement and is refused on its first attempt: that is
    // the fleet's second refusal in a row, with a token minted moments ago.
    await expect(other.unauthorized(picked!, refused, { attempt: 1 })).rejects.toMatchObject({
      code: "app_rejected",
    });
    await expect(make().getToken()).rejects.toMatchObject({ code: "app_rejected" });
    expect(zoom.mints()).toBe(2);
    expect(other.stats().circuit).toMatchObject({ state: "open", opened: 1 });
  });

  it("treats a replacement the API took like any token: its later refusal gets one new token, not the diagnosis", async () => {
    const { tokens, zoom } = setup();
    const first = await tokens.getToken();
    const second = await tokens.unauthorized(first, refused, { attempt: 1 });
    expect(second?.replaces).toBe(first.fingerprint);
    // The app works with the replacement: a refusal of it later is a first refusal again.
    tokens.accepted(second!);
    const third = await tokens.unauthorized(second!, refused, { attempt: 1 });
    expect(third?.fingerprint).not.toBe(second!.fingerprint);
    expect(zoom.mints()).toBe(3);
    expect(tokens.stats().circuit.state).toBe("closed");
  });

  it("reopens on a refused probe token whoever is refused with it first, without a non-probe mint", async () => {
    const { tokens, make, zoom, clock } = setup({ circuitCoolDownMs: 30_000 });
    const other = make();
    await openCircuit(tokens);
    await expect(other.getToken()).rejects.toMatchObject({ code: "app_rejected" });
    clock.advance(30_001);
    // The cool-down is over: one process mints the probe; the other picks it up from the store before
    // it has re-read the circuit (so it does not know the token is the probe) and is refused first.
    const probe = await tokens.getToken();
    expect(tokens.stats().mints.probe).toBe(1);
    expect((await other.getToken()).fingerprint).toBe(probe.fingerprint);
    const mints = zoom.mints();
    await expect(other.unauthorized(probe, refused, { attempt: 1 })).rejects.toMatchObject({
      code: "app_rejected",
    });
    expect(zoom.mints()).toBe(mints);
    // The probe's refusal reopened the circuit with the doubled cool-down, for both processes.
    expect(other.stats().circuit).toMatchObject({ state: "open", coolDownMs: 60_000 });
    await expect(tokens.unauthorized(probe, refused, { attempt: 1 })).rejects.toMatchObject({
      code: "app_rejected",
    });
    expect(tokens.stats().circuit).toMatchObject({ state: "open", coolDownMs: 60_000 });
    expect(zoom.mints()).toBe(mints);
  });
});
