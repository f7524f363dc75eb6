import { describe, expect, it } from "vitest";
import { credentialKeys } from "../../src/tokens/keys.js";
import { createRecordCodec } from "../../src/tokens/record-codec.js";
import { base, openCircuit, refused, setup } from "./setup.js";

const keys = credentialKeys("zoomkit:", base.accountId, base.clientId, base.clientSecret);
const codec = createRecordCodec();

describe("the circuit: records clamped on read, recovery without waiting for the cool-down", () => {
  it("never lets a record reach further than one cool-down from now, whatever the writer's clock", async () => {
    const { tokens, store, clock } = setup({ circuitMaxCoolDownMs: 600_000 });
    const year = 365 * 86_400_000;
    const forged = {
      v: 1,
      state: "open",
      openedAt: clock.now(),
      openUntil: clock.now() + 100 * year,
      coolDownMs: 1e300,
      status: 401,
    };
    await store.compareAndSet(
      keys.circuit,
      0,
      { value: codec.encodeJson(forged, keys.circuit), tag: "forged" },
      60_000,
    );
    const error = await tokens.getToken().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ZoomAuthError", code: "app_rejected" });
    expect((error as { retryAt: number }).retryAt).toBeLessThanOrEqual(clock.now() + 600_000);
    expect(tokens.stats().circuit.coolDownMs).toBe(600_000);
  });

  it("does not let a host with a fast clock stretch the cool-down for the fleet", async () => {
    const { tokens, make, clock } = setup({ circuitCoolDownMs: 30_000 });
    const fast = make({ now: () => clock.now() + 3_600_000 });
    const first = await fast.getToken();
    const second = await fast.unauthorized(first, refused, { attempt: 1 });
    await fast.unauthorized(second!, refused, { attempt: 2 }).catch(() => undefined);
    const error = (await tokens.getToken().catch((e: unknown) => e)) as { code: string; retryAt: number };
    expect(error.code).toBe("app_rejected");
    expect(error.retryAt).toBeLessThanOrEqual(clock.now() + 30_000);
    // Re-reading the same record later never moves its end further out.
    clock.advance(2_001);
    const again = (await tokens.getToken().catch((e: unknown) => e)) as { retryAt: number };
    expect(again.retryAt).toBeLessThanOrEqual(error.retryAt);
  });

  it("ignores and counts a circuit record that does not decode", async () => {
    const { tokens, store } = setup();
    await store.compareAndSet(keys.circuit, 0, { value: "{not json", tag: "junk" }, 60_000);
    await expect(tokens.getToken()).resolves.toMatchObject({ value: expect.stringMatching(/^tok-1-/) });
    expect(tokens.stats().corruptRecords).toBe(1);
    expect(tokens.stats().circuit.state).toBe("closed");
  });

  it("lets one request through every few seconds with the newest token, and closes for everyone when it is accepted", async () => {
    const { tokens, zoom, clock, make, store, named } = setup({
      circuitProbeMs: 3_000,
      circuitRecheckMs: 2_000,
    });
    const other = make();
    const refusedToken = await openCircuit(tokens);
    await expect(other.getToken()).rejects.toMatchObject({ code: "app_rejected" });
    const mints = zoom.mints();
    // Within the first interval everyone fails fast.
    await expect(tokens.getToken()).rejects.toMatchObject({ code: "app_rejected" });
    clock.advance(3_001);
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => tokens.getToken()));
    const probes = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    // One caller gets the newest token (the refused one: after a reactivation it may work again); no mint.
    expect(probes).toHaveLength(1);
    expect(probes[0]?.fingerprint).toBe(refusedToken.fingerprint);
    expect(zoom.mints()).toBe(mints);
    // The other process may not probe in the same interval: the right to probe is the fleet's.
    await expect(other.getToken()).rejects.toMatchObject({ code: "app_rejected" });
    tokens.accepted(probes[0]!);
    expect(tokens.stats().circuit.state).toBe("closed");
    await expect.poll(() => store.get(keys.circuit)).toBeNull();
    // The other process re-reads the circuit within circuitRecheckMs and serves again.
    clock.advance(2_001);
    await expect(other.getToken()).resolves.toBeDefined();
    expect(other.stats().circuit.state).toBe("closed");
    expect(named("appRecovered")).toHaveLength(2);
  });

  it("keeps the circuit (no doubling) when a probe request is refused", async () => {
    const { tokens, clock } = setup({ circuitProbeMs: 3_000 });
    await openCircuit(tokens);
    clock.advance(3_001);
    const probe = await tokens.getToken();
    await expect(tokens.unauthorized(probe, refused, { attempt: 1 })).rejects.toMatchObject({
      code: "app_rejected",
    });
    expect(tokens.stats().circuit).toMatchObject({
      state: "open",
      coolDownMs: 30_000,
      opened: 1,
      probeRequests: 1,
    });
    // A request that was on its way before the circuit opened, answered now, proves nothing.
    tokens.accepted({ ...probe });
    expect(tokens.stats().circuit.state).toBe("open");
  });

  it("lets a process serving with a token it picked up while it believed the circuit open learn of the recovery within the re-check interval", async () => {
    // Found by the fleet's reactivation test: one process of eight kept reporting an open circuit (no
    // appRecovered) for the whole 30 s cool-down while its calls succeeded.
    const { tokens, clock, make, store, named } = setup({ circuitProbeMs: 1_000, circuitRecheckMs: 2_000 });
    const other = make();
    await openCircuit(tokens);
    await expect(other.getToken()).rejects.toMatchObject({ code: "app_rejected" });
    // The app works again: the record goes (an operator's reset, or another process's accepted probe),
    // and a process that never saw the circuit mints the fleet's next token.
    clock.advance(500);
    const record = await store.get(keys.circuit);
    await store.compareAndDelete(keys.circuit, record!.tag);
    const fresh = await make().getToken();
    // Past its probe interval, within its re-check interval: `other` sends a probe request with the
    // store's newest token, and keeps that token as its copy.
    clock.advance(501);
    const probe = await other.getToken();
    expect(probe.fingerprint).toBe(fresh.fingerprint);
    expect(other.stats().circuit.state).toBe("open");
    // Its other calls go out with the copy, no gate (the token is usable), and are accepted.
    clock.advance(1_000);
    const copy = await other.getToken();
    expect(copy.fingerprint).toBe(fresh.fingerprint);
    other.accepted(copy);
    await expect.poll(() => other.stats().circuit.state).toBe("closed");
    expect(named("appRecovered")).toHaveLength(1);
  });

  it("learns of an operator's reset (the record removed) within the re-check interval", async () => {
    const { tokens, clock, store } = setup({ circuitProbeMs: 3_600_000, circuitRecheckMs: 2_000 });
    await openCircuit(tokens);
    const record = await store.get(keys.circuit);
    await store.compareAndDelete(keys.circuit, record!.tag);
    await expect(tokens.getToken()).rejects.toMatchObject({ code: "app_rejected" });
    clock.advance(2_001);
    await expect(tokens.getToken()).resolves.toBeDefined();
    expect(tokens.stats().circuit.state).toBe("closed");
  });
});
