/**
 * `provider.fleet` on a fake clock: the backoff and the circuit as an operator sees them, a reset that
 * clears both, and a store that does not answer. (The same actions on Redis, Postgres, Keyv and memory
 * run in `@zoomkit/store-test-suite`, group "operator view and actions".)
 */
import { describe, expect, it } from "vitest";
import { createMemoryStore } from "../../src/index.js";
import { setup } from "./setup.js";
import { instrumentedStore } from "./store-wrappers.js";

describe("token provider: the fleet as an operator sees it", () => {
  it("shows refused credentials as a backoff with its reason; a reset lets the next process mint at once", async () => {
    const { tokens, zoom, clock, make } = setup({ invalidCredentialsCoolDownMs: 60_000 });
    zoom.fail(401, { reason: "Invalid client_id or client_secret", error: "invalid_client", code: 4704 });
    await expect(tokens.getToken()).rejects.toMatchObject({ code: "invalid_credentials" });
    const state = await tokens.fleet.inspect();
    expect(state).toMatchObject({
      reachable: true,
      token: { state: "absent" },
      backoff: { code: "invalid_credentials", failures: 1, retryAt: clock.now() + 60_000, active: true },
      mints: { lastHour: 0 },
    });
    expect(state.reachable && state.backoff?.message).toContain("code 4704");
    // The message names the guide's section once, also when the backoff repeats it.
    const waiting = (await tokens.getToken().catch((e: unknown) => e)) as Error;
    expect(waiting.message.split("docs/troubleshooting.md#invalid_credentials")).toHaveLength(2);
    expect(JSON.stringify(state)).not.toContain("the-secret");
    zoom.recover();
    expect(await tokens.fleet.resetCircuit()).toEqual({ outcome: "already-closed", backoffCleared: true });
    // A process that never saw the failure mints at once; this one waited no longer either (its copy was cleared).
    await expect(make().getToken()).resolves.toMatchObject({ scopes: expect.any(Array) });
    await expect(tokens.getToken()).resolves.toMatchObject({ scopes: expect.any(Array) });
    expect(zoom.requests()).toBe(2);
  });

  it("marks the half-open circuit once the cool-down is over, with the refusal that opened it", async () => {
    const { tokens, clock } = setup({ circuitCoolDownMs: 30_000 });
    const first = await tokens.getToken();
    const second = await tokens.unauthorized(first, { status: 401, zoomCode: 124 }, { attempt: 1 });
    await expect(
      tokens.unauthorized(second!, { status: 401, zoomCode: 124 }, { attempt: 2 }),
    ).rejects.toMatchObject({
      code: "app_rejected",
      message: expect.stringMatching(/the app itself is refused.*docs\/troubleshooting\.md#app_rejected$/),
    });
    expect(await tokens.fleet.inspect()).toMatchObject({
      circuit: { state: "open", status: 401, zoomCode: 124, openUntil: clock.now() + 30_000 },
    });
    clock.advance(30_000);
    expect(await tokens.fleet.inspect()).toMatchObject({ circuit: { state: "half-open", zoomCode: 124 } });
  });

  it("says the store is unreachable instead of guessing, and changes nothing", async () => {
    const faulty = instrumentedStore(createMemoryStore());
    const { tokens, clock } = setup({ store: faulty.store, storeTimeoutMs: 50, storeRetryMs: 5_000 });
    await tokens.getToken();
    faulty.setFault("throw");
    expect(await tokens.fleet.inspect()).toEqual({
      reachable: false,
      credential: tokens.stats().credential,
      store: "faulty-memory",
    });
    expect(await tokens.fleet.resetCircuit()).toEqual({ outcome: "store-unavailable" });
    expect(await tokens.fleet.dropToken()).toEqual({ outcome: "store-unavailable" });
    faulty.setFault(undefined);
    // The engine tries a failed store again every storeRetryMs, the operator's reads included.
    clock.advance(5_000);
    expect(await tokens.fleet.inspect()).toMatchObject({ reachable: true, token: { state: "present" } });
  });
});
