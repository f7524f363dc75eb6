/** The token engine against the simulator over real HTTP: what goes wrong, and what the engine does. */
import { describe, expect, it } from "vitest";
import { createMemoryStore, fingerprint, parseZoomError } from "../../src/index.js";
import { instrumentedStore } from "../tokens/store-wrappers.js";
import { APP, call, client, engine, HOST, leaks, mints, recordingHooks, simulator } from "./helpers.js";

const tokenKey = (secret: string) =>
  `zoomkit:{${APP.accountId}:${APP.clientId}:${fingerprint(secret)}}:token`;

describe("token engine on the simulator: incidents", () => {
  it("handles a token revoked behind its back: one 401, one retry, success, one extra mint", async () => {
    const sim = await simulator();
    const tokens = engine(sim);
    const zoom = client(sim, tokens);
    expect(await call(zoom)).toBe(200);
    sim.control.revokeTokens();
    expect(await call(zoom)).toBe(200);
    expect(tokens.stats().unauthorized).toEqual({ seen: 1, retried: 1 });
    expect(mints(sim)).toBe(2);
    expect(sim.stats().unauthorized.revoked).toBe(1);
  });

  it("opens the circuit when the app is deactivated, fails fast with the diagnosis, and recovers", async () => {
    const sim = await simulator();
    const events: { name: string; payload: unknown }[] = [];
    const tokens = engine(sim, {
      circuitCoolDownMs: 400,
      circuitConfirmMs: 60_000,
      hooks: recordingHooks(events),
    });
    const zoom = client(sim, tokens);
    expect(await call(zoom)).toBe(200);
    sim.control.deactivateApp();
    expect(await call(zoom)).toBe("app_rejected");
    const opened = mints(sim);
    const during: (number | string)[] = [];
    const until = Date.now() + 1_500;
    while (Date.now() < until) {
      during.push(...(await Promise.all(Array.from({ length: 8 }, () => call(zoom)))));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(new Set(during)).toEqual(new Set(["app_rejected"]));
    // Cool-downs of 400 then 800 ms: at most one probe token each (plus scheduling slack).
    expect(mints(sim) - opened).toBeLessThanOrEqual(3);
    expect(tokens.stats().circuit.opened).toBeGreaterThanOrEqual(2);
    const diagnosis = events.find((e) => e.name === "appRejected")?.payload as { error: Error } | undefined;
    expect(diagnosis?.error.message).toMatch(/activated/);
    expect(diagnosis?.error.message).toMatch(/owner/);

    sim.control.reactivateApp();
    await expect.poll(() => call(zoom), { timeout: 5_000, interval: 50 }).toBe(200);
    // The API answered the probe's request: the pipeline's accepted() closed the circuit with that call,
    // long before circuitConfirmMs (a minute here) could have.
    expect(tokens.stats().circuit.state).toBe("closed");
    await expect.poll(() => events.some((e) => e.name === "appRecovered")).toBe(true);
    expect(await call(zoom)).toBe(200);
  });

  it("returns a missing scope (4711) as a value for that operation only; every other one keeps working", async () => {
    const sim = await simulator();
    const tokens = engine(sim, { circuitCoolDownMs: 60_000, scopeRecheckMs: 200 });
    const zoom = client(sim, tokens);
    expect(await call(zoom)).toBe(200);
    sim.control.removeScopes(["user:read:admin"]);
    const { error, response } = await zoom.GET("/users/{userId}", { params: { path: { userId: HOST } } });
    expect(response.status).toBe(401);
    expect(parseZoomError(error)).toMatchObject({ code: 4711, missingScopes: ["user:read:admin"] });
    // Listing meetings needs another scope: it works, with the same token, and nothing opened.
    const meetings = await zoom.GET("/users/{userId}/meetings", { params: { path: { userId: HOST } } });
    expect(meetings.response.status).toBe(200);
    expect(tokens.stats().circuit.state).toBe("closed");
    expect(mints(sim)).toBeLessThanOrEqual(2);
    sim.control.restoreScopes();
    await expect.poll(() => call(zoom), { timeout: 5_000, interval: 100 }).toBe(200);
    expect(mints(sim)).toBeLessThanOrEqual(3);
  });

  it("reports a wrong secret as invalid_credentials at once, without a mint storm", async () => {
    const sim = await simulator();
    leaks.secrets.add("not-the-secret");
    const zoom = client(sim, engine(sim, { clientSecret: "not-the-secret" }));
    const results = await Promise.all(Array.from({ length: 32 }, () => call(zoom)));
    expect(new Set(results)).toEqual(new Set(["invalid_credentials"]));
    expect(await call(zoom)).toBe("invalid_credentials");
    const refused = Object.values(sim.stats().mintErrors).reduce((n, v) => n + v, 0);
    expect(refused).toBe(1);
  });

  it("picks up a secret rotated at run time: new key, new token, no restart", async () => {
    const sim = await simulator();
    let secret: string = APP.clientSecret;
    const store = createMemoryStore();
    const tokens = engine(sim, { clientSecret: () => secret, store });
    const zoom = client(sim, tokens);
    expect(await call(zoom)).toBe(200);
    const rotated = sim.control.rotateSecret({ newSecret: "rotated-secret-value", oldTokens: "revoke-now" });
    leaks.secrets.add(rotated.newSecret);
    secret = rotated.newSecret;
    expect(await call(zoom)).toBe(200);
    expect(tokens.stats().mints).toMatchObject({ cold: 1, rotation: 1 });
    expect(await store.get(tokenKey(rotated.newSecret))).not.toBeNull();
  });

  it("ignores a corrupt record in the store, reports it, and replaces it", async () => {
    const sim = await simulator();
    const store = createMemoryStore();
    await store.compareAndSet(tokenKey(APP.clientSecret), 0, { value: "{not json", tag: "foreign" }, 60_000);
    const tokens = engine(sim, { store });
    expect(await call(client(sim, tokens))).toBe(200);
    expect(tokens.stats()).toMatchObject({ corruptRecords: 1, mints: { corrupt: 1 } });
    expect((await store.get(tokenKey(APP.clientSecret)))?.tag).not.toBe("foreign");
  });

  for (const fault of ["hang", "throw"] as const) {
    it(`keeps calls succeeding when the store ${fault}s, in degraded mode`, async () => {
      const sim = await simulator();
      const faulty = instrumentedStore(createMemoryStore());
      faulty.setFault(fault);
      const tokens = engine(sim, { store: faulty.store, storeTimeoutMs: 100, storeRetryMs: 200 });
      const zoom = client(sim, tokens);
      const results = await Promise.all(Array.from({ length: 16 }, () => call(zoom)));
      expect(new Set(results)).toEqual(new Set([200]));
      expect(mints(sim)).toBe(1);
      expect(tokens.stats().degraded).toMatchObject({ active: true, episodes: 1 });
    });
  }

  it("never puts a secret or a token into an error message or hook payload", () => {
    expect(leaks.said.length).toBeGreaterThan(10);
    expect(leaks.secrets.size).toBeGreaterThan(3);
    for (const said of leaks.said) {
      for (const secret of leaks.secrets)
        expect(said.includes(secret), `leaked into: ${said.slice(0, 80)}`).toBe(false);
    }
  });
});
