/**
 * `createWebhookDeliveries` over the memory store (the reference store; the apps' tests run it over
 * Redis and Postgres): an event is handled once across deliveries, a failed handler releases it for
 * Zoom's next delivery, and an unreachable store never loses an event.
 */
import { describe, expect, it } from "vitest";
import { createMemoryStore } from "../../src/index.js";
import { createWebhookDeliveries, webhookEventId, type ZoomWebhookEvent } from "../../src/webhooks/index.js";

/** A fresh parse of the same body each time, as each delivery of one event is. */
const delivery = (ts = 1_780_000_000_000, id = 85_012_345_678): ZoomWebhookEvent<unknown> =>
  JSON.parse(
    JSON.stringify({
      event: "meeting.started",
      event_ts: ts,
      payload: { account_id: "acc", object: { id } },
    }),
  );

describe("createWebhookDeliveries", () => {
  it("handles an event once, and acknowledges its later deliveries as duplicates", async () => {
    const deliveries = createWebhookDeliveries({ store: createMemoryStore() });
    let runs = 0;
    const handle = () => {
      runs += 1;
    };
    expect(await deliveries.handleOnce(delivery(), handle)).toEqual({ outcome: "handled", checked: true });
    expect(await deliveries.handleOnce(delivery(), handle)).toEqual({ outcome: "duplicate" });
    expect(await deliveries.handleOnce(delivery(), handle)).toEqual({ outcome: "duplicate" });
    expect(runs).toBe(1);
  });

  it("tells events apart by name, time and payload", async () => {
    const deliveries = createWebhookDeliveries({ store: createMemoryStore() });
    let runs = 0;
    const handle = () => {
      runs += 1;
    };
    await deliveries.handleOnce(delivery(), handle);
    await deliveries.handleOnce(delivery(1_780_000_000_001), handle);
    await deliveries.handleOnce(delivery(undefined, 85_012_345_679), handle);
    await deliveries.handleOnce({ ...delivery(), event: "meeting.ended" }, handle);
    expect(runs).toBe(4);
    expect(webhookEventId(delivery())).toBe(webhookEventId(delivery()));
    expect(webhookEventId(delivery())).toMatch(/^[0-9a-f]{64}$/);
  });

  it("runs one handler when two deliveries of an event race; the other is told it is in progress", async () => {
    const deliveries = createWebhookDeliveries({ store: createMemoryStore() });
    let release = () => {};
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    let runs = 0;
    const first = deliveries.handleOnce(delivery(), async () => {
      runs += 1;
      await slow;
    });
    const second = await deliveries.handleOnce(delivery(), () => {
      runs += 1;
    });
    expect(second).toEqual({ outcome: "in_progress" });
    release();
    expect(await first).toEqual({ outcome: "handled", checked: true });
    expect(runs).toBe(1);
  });

  it("releases the event when the handler fails, so the next delivery runs it again", async () => {
    const deliveries = createWebhookDeliveries({ store: createMemoryStore() });
    const failure = new Error("database down");
    await expect(
      deliveries.handleOnce(delivery(), () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    await expect(deliveries.handleOnce(delivery(), () => Promise.reject(failure))).rejects.toBe(failure);
    let runs = 0;
    expect(
      await deliveries.handleOnce(delivery(), () => {
        runs += 1;
      }),
    ).toEqual({ outcome: "handled", checked: true });
    expect(runs).toBe(1);
  });

  it("forgets a handled event after retainMs", async () => {
    const deliveries = createWebhookDeliveries({ store: createMemoryStore(), retainMs: 30 });
    let runs = 0;
    const handle = () => {
      runs += 1;
    };
    await deliveries.handleOnce(delivery(), handle);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await deliveries.handleOnce(delivery(), handle)).toMatchObject({ outcome: "handled" });
    expect(runs).toBe(2);
  });

  it("runs the handler unchecked when the store cannot be reached (a duplicate beats a lost event)", async () => {
    const store = createMemoryStore();
    await store.close();
    const deliveries = createWebhookDeliveries({ store });
    let runs = 0;
    const outcome = await deliveries.handleOnce(delivery(), () => {
      runs += 1;
    });
    expect(outcome).toEqual({ outcome: "handled", checked: false });
    expect(runs).toBe(1);
  });
});
