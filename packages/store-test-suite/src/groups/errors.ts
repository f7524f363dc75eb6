/**
 * Errors every store throws alike: `store_closed` after `close()`, `store_invalid_argument` for an
 * argument the contract does not allow (and nothing written), each a `StoreError` naming the operation.
 */
import { StoreError, type StoreLease, type TokenStore } from "@zoomkit/core";
import { describe, expect, it } from "vitest";
import type { Suite, SuiteCapabilities } from "../context.js";

type Call = [operation: string, run: (store: TokenStore) => Promise<unknown>];

/** Resolves the error `promise` rejects with; fails the test when it resolves instead. */
async function rejection(promise: Promise<unknown>, what: string): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`${what} resolved ${JSON.stringify(value)} instead of rejecting`);
    },
    (error: unknown) => error,
  );
}

async function expectStoreError(promise: Promise<unknown>, code: string, operation: string, what: string) {
  const error = await rejection(promise, what);
  expect(error, what).toBeInstanceOf(StoreError);
  expect(error, what).toMatchObject({ code, operation });
  expect((error as Error).message, what).toContain(operation);
}

/** One call of every operation the store has, with valid arguments. */
function everyOperation(key: (name: string) => string, caps: SuiteCapabilities): Call[] {
  const lease: StoreLease = { key: key("lease"), holder: "h", fence: 1, ttlMs: 10_000 };
  const renewal: Call[] = caps.leaseRenewal ? [["renewLease", (s) => s.renewLease!(lease, 10_000)]] : [];
  const permits: Call[] = caps.permits
    ? [["takePermits", (s) => s.takePermits!(key("permits"), 1, { ratePerSecond: 1, burst: 1 })]]
    : [];
  return [
    ...renewal,
    ...permits,
    ["get", (s) => s.get(key("token"))],
    ["compareAndSet", (s) => s.compareAndSet(key("token"), 0, { value: "v", tag: "t" }, 10_000)],
    ["compareAndDelete", (s) => s.compareAndDelete(key("token"), "t")],
    ["acquireLease", (s) => s.acquireLease(key("lease"), "h", 10_000)],
    ["releaseLease", (s) => s.releaseLease(lease)],
    ["recordEvent", (s) => s.recordEvent(key("events"), 10_000)],
    ["countEvents", (s) => s.countEvents(key("events"), 10_000)],
  ];
}

/** Calls with one argument the contract does not allow, each named for the message of a failure. */
function invalidCalls(
  key: (name: string) => string,
  caps: SuiteCapabilities,
): Array<[string, string, Call[1]]> {
  const k = key("token");
  const lease: StoreLease = { key: key("lease"), holder: "h", fence: 1, ttlMs: 10_000 };
  const next = { value: "v", tag: "t" };
  const badTtls = [0, -1, Number.NaN, Number.POSITIVE_INFINITY];
  const badGenerations = [-1, 1.5, Number.NaN];
  const asAny = <T>(value: unknown) => value as T;
  const renewal: Array<[string, string, Call[1]]> = caps.leaseRenewal
    ? [
        ["renewLease with an empty key", "renewLease", (s) => s.renewLease!({ ...lease, key: "" }, 10_000)],
        ["renewLease with fence 0", "renewLease", (s) => s.renewLease!({ ...lease, fence: 0 }, 10_000)],
        ["renewLease with ttl 0", "renewLease", (s) => s.renewLease!(lease, 0)],
        ["renewLease with ttl NaN", "renewLease", (s) => s.renewLease!(lease, Number.NaN)],
      ]
    : [];
  return [
    ...renewal,
    ...(caps.permits ? invalidPermitCalls(key) : []),
    ["get with an empty key", "get", (s) => s.get("")],
    ["compareAndSet with an empty key", "compareAndSet", (s) => s.compareAndSet("", 0, next, 10_000)],
    ["compareAndDelete with an empty key", "compareAndDelete", (s) => s.compareAndDelete("", "t")],
    ["acquireLease with an empty key", "acquireLease", (s) => s.acquireLease("", "h", 10_000)],
    ["releaseLease with an empty key", "releaseLease", (s) => s.releaseLease({ ...lease, key: "" })],
    ["recordEvent with an empty key", "recordEvent", (s) => s.recordEvent("", 10_000)],
    ["countEvents with an empty key", "countEvents", (s) => s.countEvents("", 10_000)],
    ...badTtls.flatMap(
      (ttl): Array<[string, string, Call[1]]> => [
        [`compareAndSet with ttl ${ttl}`, "compareAndSet", (s) => s.compareAndSet(k, 0, next, ttl)],
        [`acquireLease with ttl ${ttl}`, "acquireLease", (s) => s.acquireLease(key("lease"), "h", ttl)],
        [`recordEvent with window ${ttl}`, "recordEvent", (s) => s.recordEvent(key("events"), ttl)],
        [`countEvents with window ${ttl}`, "countEvents", (s) => s.countEvents(key("events"), ttl)],
      ],
    ),
    ...badGenerations.map((generation): [string, string, Call[1]] => [
      `compareAndSet expecting generation ${generation}`,
      "compareAndSet",
      (s) => s.compareAndSet(k, generation, next, 10_000),
    ]),
    [
      "compareAndSet with a value that is not a string",
      "compareAndSet",
      (s) => s.compareAndSet(k, 0, asAny({ value: 1, tag: "t" }), 10_000),
    ],
    [
      "compareAndSet with a tag that is not a string",
      "compareAndSet",
      (s) => s.compareAndSet(k, 0, asAny({ value: "v" }), 10_000),
    ],
    [
      "compareAndDelete with a tag that is not a string",
      "compareAndDelete",
      (s) => s.compareAndDelete(k, asAny(undefined)),
    ],
    [
      "acquireLease with a holder that is not a string",
      "acquireLease",
      (s) => s.acquireLease(key("lease"), asAny(7), 10_000),
    ],
    ["releaseLease with fence 0", "releaseLease", (s) => s.releaseLease({ ...lease, fence: 0 })],
    ["releaseLease with fence 1.5", "releaseLease", (s) => s.releaseLease({ ...lease, fence: 1.5 })],
    [
      "releaseLease with no holder",
      "releaseLease",
      (s) => s.releaseLease(asAny({ key: lease.key, fence: 1 })),
    ],
  ];
}

/** `takePermits` with an argument the contract does not allow. */
function invalidPermitCalls(key: (name: string) => string): Array<[string, string, Call[1]]> {
  const rate = { ratePerSecond: 10, burst: 5 };
  const take =
    (want: unknown, r: unknown, k = key("permits")) =>
    (s: TokenStore) =>
      s.takePermits!(k, want as number, r as typeof rate);
  return [
    ["takePermits with an empty key", "takePermits", take(1, rate, "")],
    ...[0, -1, 1.5, Number.NaN, "2"].map((want): [string, string, Call[1]] => [
      `takePermits wanting ${String(want)}`,
      "takePermits",
      take(want, rate),
    ]),
    ...[0, -1, Number.NaN, Number.POSITIVE_INFINITY].map((ratePerSecond): [string, string, Call[1]] => [
      `takePermits at ${ratePerSecond} a second`,
      "takePermits",
      take(1, { ...rate, ratePerSecond }),
    ]),
    ...[0, 1.5, -2].map((burst): [string, string, Call[1]] => [
      `takePermits with burst ${burst}`,
      "takePermits",
      take(1, { ...rate, burst }),
    ]),
    ["takePermits without a rate", "takePermits", take(1, null)],
  ];
}

export function errorsGroup(suite: Suite): void {
  describe("errors", () => {
    it("rejects every operation after close() with store_closed, naming the operation", async () => {
      const { store, key, caps } = await suite.setup();
      await store.close();
      for (const [operation, run] of everyOperation(key, caps)) {
        await expectStoreError(run(store), "store_closed", operation, `${operation} after close()`);
      }
      // A second close() is harmless.
      await expect(store.close()).resolves.toBeUndefined();
    });

    it("resolves a waiter after close(), and ends one that was waiting", async () => {
      const { store, key, caps } = await suite.setup();
      if (!caps.waitForChange) return expect(store.waitForChange).toBeUndefined();
      const waiting = store.waitForChange!(key("token"), 0, 60_000);
      await store.close();
      await expect(waiting).resolves.toBeUndefined();
      await expect(store.waitForChange!(key("token"), 0, 60_000)).resolves.toBeUndefined();
    });

    it("rejects arguments the contract does not allow with store_invalid_argument", async () => {
      const { store, key, caps } = await suite.setup();
      const calls = invalidCalls(key, caps);
      for (const [what, operation, run] of calls) {
        await expectStoreError(run(store), "store_invalid_argument", operation, what);
      }
      expect(calls.length).toBeGreaterThan(20);
    });

    it("writes nothing for a call it refused", async () => {
      const { store, key } = await suite.setup();
      await rejection(store.compareAndSet(key("token"), 0, { value: "v", tag: "t" }, 0), "ttl 0");
      await rejection(store.acquireLease(key("lease"), "h", -1), "ttl -1");
      await rejection(store.recordEvent(key("events"), 0), "window 0");
      expect(await store.get(key("token"))).toBeNull();
      expect(await store.acquireLease(key("lease"), "h", 10_000)).not.toBeNull();
      expect(await store.countEvents(key("events"), 10_000)).toBe(0);
    });

    it("rejects a waiter's invalid key or generation instead of waiting", async () => {
      const { store, key, caps } = await suite.setup();
      if (!caps.waitForChange) return expect(store.waitForChange).toBeUndefined();
      await expectStoreError(
        store.waitForChange!("", 0, 60_000),
        "store_invalid_argument",
        "waitForChange",
        "empty key",
      );
      await expectStoreError(
        store.waitForChange!(key("token"), -1, 60_000),
        "store_invalid_argument",
        "waitForChange",
        "generation -1",
      );
    });
  });
}
