import { describe, expect, it } from "vitest";
import { createMemoryStore, createTokenProvider, ZoomAuthError, type ZoomHooks } from "../../src/index.js";
import { credentialKeys } from "../../src/tokens/keys.js";
import { fakeClock, fakeTokenEndpoint, OAUTH_URL } from "./fake-token-endpoint.js";

const base = { accountId: "acc-1", clientId: "client-1", clientSecret: "the-secret", oauthUrl: OAUTH_URL };
const refused = { status: 401, zoomCode: 124, message: "Invalid access token." };

function setup(extra: Parameters<typeof createTokenProvider>[0] extends infer O ? Partial<O> : never = {}) {
  const clock = fakeClock();
  const zoom = fakeTokenEndpoint();
  const store = createMemoryStore(clock);
  const events: { name: string; payload: unknown }[] = [];
  const hooks: ZoomHooks = {
    tokenMinted: (e) => events.push({ name: "tokenMinted", payload: e }),
    appRejected: (e) => events.push({ name: "appRejected", payload: e }),
    appRecovered: (e) => events.push({ name: "appRecovered", payload: e }),
    refreshFailed: (e) => events.push({ name: "refreshFailed", payload: e }),
  };
  const make = () =>
    createTokenProvider({
      ...base,
      fetch: zoom.fetch,
      store,
      now: clock.now,
      hooks,
      circuitCoolDownMs: 30_000,
      circuitConfirmMs: 5_000,
      ...extra,
    });
  return { clock, zoom, store, events, make, tokens: make() };
}

describe("token provider: 401s, the circuit, credentials and budget", () => {
  it("answers a 401 with one new token: the refused one is deleted only while current", async () => {
    const { tokens, zoom } = setup();
    const first = await tokens.getToken();
    const retries = await Promise.all(
      Array.from({ length: 16 }, () => tokens.unauthorized(first, refused, { attempt: 1 })),
    );
    expect(zoom.mints()).toBe(2);
    const second = retries[0]!;
    expect(second.fingerprint).not.toBe(first.fingerprint);
    for (const r of retries) expect(r?.fingerprint).toBe(second.fingerprint);
    // A late 401 for the old token must not knock out the new one.
    expect((await tokens.unauthorized(first, refused, { attempt: 1 }))?.fingerprint).toBe(second.fingerprint);
    expect(zoom.mints()).toBe(2);
    expect(tokens.stats().unauthorized).toEqual({ seen: 17, retried: 17 });
    expect(tokens.stats().mints.unauthorized).toBe(1);
  });

  it("gives a 401 back when an old token's retry is refused too (no loop)", async () => {
    const { tokens, clock } = setup();
    const first = await tokens.getToken();
    clock.advance(120_000); // no longer "minted moments ago"
    expect(await tokens.unauthorized(first, refused, { attempt: 2 })).toBeUndefined();
    expect(tokens.stats().circuit.state).toBe("closed");
  });

  it("opens the shared circuit when a token minted moments ago is refused again, and fails fast", async () => {
    const { tokens, zoom, make, events } = setup();
    const first = await tokens.getToken();
    const second = await tokens.unauthorized(first, refused, { attempt: 1 });
    const error = await tokens.unauthorized(second!, refused, { attempt: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZoomAuthError);
    expect((error as ZoomAuthError).code).toBe("app_rejected");
    expect((error as ZoomAuthError).message).toMatch(/activated/);
    expect((error as ZoomAuthError).message).toMatch(/owner/);
    expect((error as ZoomAuthError).message).toMatch(/secret was regenerated or rotated/);
    expect((error as ZoomAuthError).message).toMatch(/scopes/);
    expect((error as ZoomAuthError).retryAt).toBeGreaterThan(0);
    const mints = zoom.mints();
    await expect(tokens.getToken()).rejects.toMatchObject({ code: "app_rejected" });
    // Another process sees the circuit in the store and fails fast too, without minting.
    await expect(make().getToken()).rejects.toMatchObject({ code: "app_rejected" });
    expect(zoom.mints()).toBe(mints);
    expect(tokens.stats().circuit).toMatchObject({ state: "open", opened: 1, coolDownMs: 30_000 });
    // Each process reports the circuit once: the one that opened it and the one that read it from the store.
    expect(events.filter((e) => e.name === "appRejected")).toHaveLength(2);
  });

  it("retries with another process's newer token instead of opening the circuit (invalidate-previous)", async () => {
    const { tokens, zoom, make } = setup();
    const other = make();
    const first = await tokens.getToken();
    const second = await tokens.unauthorized(first, refused, { attempt: 1 });
    // Another process mints a third token (here after an operator's drop): under invalidate-previous
    // that mint is what makes Zoom refuse `second`, minted moments ago.
    await other.fleet.dropToken();
    const third = await other.getToken();
    expect(third.fingerprint).not.toBe(second?.fingerprint);
    const mints = zoom.mints();
    const next = await tokens.unauthorized(second!, refused, { attempt: 2 });
    expect(next?.fingerprint).toBe(third?.fingerprint);
    expect(zoom.mints()).toBe(mints);
    expect(tokens.stats().circuit.state).toBe("closed");
    // With no newer token anywhere, the same refusal is the app's: the circuit opens.
    await expect(tokens.unauthorized(third!, refused, { attempt: 2 })).rejects.toMatchObject({
      code: "app_rejected",
    });
  });

  it("chases a newer token once per request: refused again, the app is diagnosed, not a bare 401", async () => {
    const { tokens, make } = setup();
    const other = make();
    const first = await tokens.getToken();
    const second = await tokens.unauthorized(first, refused, { attempt: 1 });
    await other.fleet.dropToken();
    const third = await other.getToken();
    expect((await tokens.unauthorized(second!, refused, { attempt: 2 }))?.fingerprint).toBe(
      third.fingerprint,
    );
    // The newer token is refused too while yet another process mints a fourth: a deactivated app, not
    // invalidation. The third 401 of the request gets the diagnosis instead of another chase.
    await other.unauthorized(third, refused, { attempt: 1 });
    await expect(tokens.unauthorized(third, refused, { attempt: 3 })).rejects.toMatchObject({
      code: "app_rejected",
    });
  });

  it("gives the diagnosis on a third 401 without starting a search nobody waits for", async () => {
    const { tokens, make } = setup();
    const other = make();
    const token = await tokens.getToken();
    // Another process finds the app refused and opens the circuit; this process does not know yet.
    const retry = await other.unauthorized(token, refused, { attempt: 1 });
    await other.unauthorized(retry!, refused, { attempt: 2 }).catch(() => undefined);
    // A search started here would fail on the open circuit with nobody awaiting it: an unhandled
    // rejection, which ends a process (vitest fails the run on it).
    await expect(tokens.unauthorized(retry!, refused, { attempt: 3 })).rejects.toMatchObject({
      code: "app_rejected",
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
  });

  it("waits for a mint in flight elsewhere before deciding a fresh token's refusal is the app's", async () => {
    const store = createMemoryStore();
    let release!: () => void;
    const stalled = new Promise<void>((resolve) => {
      release = resolve;
    });
    const fast = fakeTokenEndpoint();
    const slow = fakeTokenEndpoint({ beforeAnswer: (n) => (n === 1 ? stalled : undefined) });
    const tokens = createTokenProvider({ ...base, fetch: fast.fetch, store });
    const other = createTokenProvider({ ...base, fetch: slow.fetch, store });
    const first = await tokens.getToken();
    const second = await tokens.unauthorized(first, refused, { attempt: 1 });
    // `other` mints a third token (here after an operator's drop): it takes the lease and stalls in its
    // mint; the decision about `second` must wait for it.
    await other.fleet.dropToken();
    const minting = other.getToken();
    while (slow.requests() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const deciding = tokens.unauthorized(second!, refused, { attempt: 2 });
    release();
    const third = await minting;
    expect(slow.mints()).toBe(1);
    expect(third?.fingerprint).not.toBe(second?.fingerprint);
    expect((await deciding)?.fingerprint).toBe(third?.fingerprint);
    expect(tokens.stats().circuit.state).toBe("closed");
    expect(fast.mints()).toBe(2);
  });

  it("never opens the circuit for a missing scope (4711): the token stays, the refusal is the request's", async () => {
    const { tokens, zoom } = setup();
    const first = await tokens.getToken();
    const scopes = {
      status: 401,
      zoomCode: 4711,
      message: "Invalid access token, does not contain scopes:[meeting:delete:admin].",
    };
    // A 4711 that reaches unauthorized() (a pipeline that does not route it) is handled as a missing scope.
    const retry = await tokens.unauthorized(first, scopes, { attempt: 1 });
    expect(retry?.fingerprint).not.toBe(first.fingerprint);
    expect(await tokens.unauthorized(retry!, scopes, { attempt: 2 })).toBeUndefined();
    expect(tokens.stats().circuit.state).toBe("closed");
    expect(tokens.stats().scopes).toEqual({ missing: 2, rechecks: 1 });
    expect(tokens.stats().unauthorized.seen).toBe(0);
    expect(zoom.mints()).toBe(2);
    expect((await tokens.getToken()).fingerprint).toBe(retry?.fingerprint);
  });

  it("probes once after the cool-down, doubles the cool-down when the probe is refused, closes after", async () => {
    // Probe requests (one real request every circuitProbeMs) are tested on their own.
    const { tokens, zoom, clock, events } = setup({ circuitProbeMs: 3_600_000 });
    const first = await tokens.getToken();
    const second = await tokens.unauthorized(first, refused, { attempt: 1 });
    await tokens.unauthorized(second!, refused, { attempt: 2 }).catch(() => undefined);
    clock.advance(30_001);
    const probe = await tokens.getToken();
    expect(tokens.stats().mints.probe).toBe(1);
    await expect(tokens.unauthorized(probe, refused, { attempt: 1 })).rejects.toMatchObject({
      code: "app_rejected",
    });
    expect(tokens.stats().circuit).toMatchObject({ state: "open", coolDownMs: 60_000, opened: 2 });
    clock.advance(30_001);
    await expect(tokens.getToken()).rejects.toMatchObject({ code: "app_rejected" });
    clock.advance(30_000);
    const secondProbe = await tokens.getToken();
    expect(zoom.mints()).toBe(4);
    expect(tokens.stats().circuit.state).toBe("half-open");
    clock.advance(5_001);
    expect((await tokens.getToken()).fingerprint).toBe(secondProbe.fingerprint);
    await expect.poll(() => tokens.stats().circuit.state).toBe("closed");
    expect(events.filter((e) => e.name === "appRecovered")).toHaveLength(1);
  });

  it("closes the circuit when a token cached from before the opening works again after the cool-down", async () => {
    const { tokens, clock, make } = setup();
    const first = await tokens.getToken();
    // Another process finds the app refused and opens the shared circuit.
    const other = make();
    const second = await other.unauthorized(first, refused, { attempt: 1 });
    await other.unauthorized(second!, refused, { attempt: 2 }).catch(() => undefined);
    // This process learns of it through a 401 of its own cached token, failing fast, token kept.
    await expect(tokens.unauthorized(first, refused, { attempt: 1 })).rejects.toMatchObject({
      code: "app_rejected",
    });
    tokens.accepted(first);
    expect(tokens.stats().circuit.state).toBe("open");
    clock.advance(30_001);
    // The app works again and the old token is taken: that proves it, no probe of its own needed.
    tokens.accepted(first);
    expect(tokens.stats().circuit.state).toBe("closed");
  });

  it("closes the circuit at once when the API accepts the probe's token (no circuitConfirmMs wait)", async () => {
    const { tokens, clock, events, store, make } = setup();
    const first = await tokens.getToken();
    const second = await tokens.unauthorized(first, refused, { attempt: 1 });
    await tokens.unauthorized(second!, refused, { attempt: 2 }).catch(() => undefined);
    // A request sent before the circuit opened and answered after proves nothing.
    tokens.accepted(first);
    expect(tokens.stats().circuit.state).toBe("open");
    clock.advance(30_001);
    const probe = await tokens.getToken();
    expect(tokens.stats().circuit.state).toBe("half-open");
    tokens.accepted(probe);
    tokens.accepted(probe);
    expect(tokens.stats().circuit.state).toBe("closed");
    const { circuit } = credentialKeys("zoomkit:", base.accountId, base.clientId, base.clientSecret);
    await expect.poll(() => store.get(circuit)).toBeNull();
    expect(events.filter((e) => e.name === "appRecovered")).toHaveLength(1);
    // The record is gone from the store: another process mints no probe and sees no circuit.
    const other = make();
    expect((await other.getToken()).fingerprint).toBe(probe.fingerprint);
    expect(other.stats().circuit.state).toBe("closed");
    // The cool-down starts over: the next opening is 30 s again, not 60 s.
    clock.advance(1_000);
    const next = await tokens.unauthorized(probe, refused, { attempt: 1 });
    await tokens.unauthorized(next!, refused, { attempt: 2 }).catch(() => undefined);
    expect(tokens.stats().circuit).toMatchObject({ state: "open", coolDownMs: 30_000, opened: 2 });
  });

  it("accepts another process's probe as proof too (minted after the cool-down ended)", async () => {
    const { tokens, clock, events, make } = setup();
    const other = make();
    const first = await tokens.getToken();
    const second = await tokens.unauthorized(first, refused, { attempt: 1 });
    await tokens.unauthorized(second!, refused, { attempt: 2 }).catch(() => undefined);
    await expect(other.getToken()).rejects.toMatchObject({ code: "app_rejected" });
    clock.advance(30_001);
    const probe = await tokens.getToken();
    // `other` adopts the probe from the store, knowing only the circuit as it was when it failed fast.
    expect((await other.getToken()).fingerprint).toBe(probe.fingerprint);
    expect(other.stats().circuit.state).toBe("half-open");
    other.accepted(probe);
    expect(other.stats().circuit.state).toBe("closed");
    await expect.poll(() => events.filter((e) => e.name === "appRecovered").length).toBe(1);
    expect(tokens.stats().circuit.state).toBe("half-open");
  });

  it("reports wrong credentials once and does not ask again for the same secret", async () => {
    const { zoom, make } = setup({ clientSecret: "wrong-secret" });
    const tokens = make();
    const errors = await Promise.all(
      Array.from({ length: 20 }, () => tokens.getToken().catch((e: unknown) => e)),
    );
    for (const e of errors) expect(e).toMatchObject({ code: "invalid_credentials" });
    await expect(tokens.getToken()).rejects.toMatchObject({ code: "invalid_credentials" });
    expect(zoom.requests()).toBe(1);
    expect(String((errors[0] as Error).message)).not.toContain("wrong-secret");
  });

  it("tries wrong credentials again after the cool-down, or at once when the secret changes", async () => {
    let secret = "wrong-secret";
    const { zoom, clock, make } = setup({ clientSecret: () => secret, invalidCredentialsCoolDownMs: 60_000 });
    const tokens = make();
    await expect(tokens.getToken()).rejects.toMatchObject({ code: "invalid_credentials" });
    clock.advance(60_001);
    await expect(tokens.getToken()).rejects.toMatchObject({ code: "invalid_credentials" });
    expect(zoom.requests()).toBe(2);
    secret = "the-secret";
    const token = await tokens.getToken();
    expect(token.value).toBe(zoom.minted[0]);
    expect(tokens.stats().mints.rotation).toBe(1);
  });

  it("picks up a rotated secret at run time: new key, new token", async () => {
    let secret = "the-secret";
    const zoom = fakeTokenEndpoint({ secret: () => secret });
    const store = createMemoryStore();
    const tokens = createTokenProvider({ ...base, clientSecret: () => secret, fetch: zoom.fetch, store });
    const before = await tokens.getToken();
    const credentialBefore = tokens.stats().credential;
    secret = "the-new-secret";
    const after = await tokens.getToken();
    expect(after.fingerprint).not.toBe(before.fingerprint);
    expect(tokens.stats().credential).not.toBe(credentialBefore);
    expect(tokens.stats().mints).toMatchObject({ cold: 1, rotation: 1 });
    expect(zoom.secrets.at(-1)).toBe("the-new-secret");
  });

  it("turns a mint storm into mint_budget_exhausted", async () => {
    const { tokens, zoom, clock } = setup({ mintBudgetPerHour: 3 });
    let token = await tokens.getToken();
    for (let i = 0; i < 2; i++) {
      clock.advance(120_000);
      token = (await tokens.unauthorized(token, refused, { attempt: 1 }))!;
    }
    clock.advance(120_000);
    const error = await tokens.unauthorized(token, refused, { attempt: 1 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "mint_budget_exhausted" });
    expect((error as Error).message).toMatch(/3 tokens were minted in the last hour/);
    expect(zoom.mints()).toBe(3);
    expect(tokens.stats().mintsLastHour).toBe(3);
    clock.advance(60 * 60_000);
    await expect(tokens.getToken()).resolves.toMatchObject({ value: expect.stringMatching(/^tok-4-/) });
  });
});
