/** The token engine against the simulator over real HTTP: cold start and steady load. */
import { describe, expect, it } from "vitest";
import { createMemoryStore, createZoomClient } from "../../src/index.js";
import { APP, call, client, engine, HOST, mints, simulator, watchingFetch } from "./helpers.js";

describe("token engine on the simulator: load", () => {
  it("mints exactly once for 64 concurrent calls on a cold cache", async () => {
    const sim = await simulator();
    const zoom = createZoomClient({
      accountId: APP.accountId,
      clientId: APP.clientId,
      clientSecret: APP.clientSecret,
      baseUrl: sim.baseUrl,
      oauthUrl: sim.oauthUrl,
      fetch: watchingFetch,
    });
    const results = await Promise.all(
      Array.from({ length: 64 }, () => zoom.GET("/users/{userId}", { params: { path: { userId: HOST } } })),
    );
    expect(results.map((r) => r.response.status)).toEqual(Array(64).fill(200));
    expect(mints(sim)).toBe(1);
    expect(zoom.tokens.stats().mints.cold).toBe(1);
  });

  for (const tokenModel of ["multi", "invalidate-previous"] as const) {
    it(`keeps one token per lifetime under steady load, nobody waiting, zero failures (${tokenModel})`, async () => {
      const sim = await simulator({ tokenTtlSeconds: 2, tokenModel });
      const store = createMemoryStore();
      // Three processes sharing one store, each its own engine and client.
      const processes = Array.from({ length: 3 }, () => {
        const tokens = engine(sim, { store });
        return { tokens, zoom: client(sim, tokens) };
      });
      await Promise.all(processes.map((p) => call(p.zoom)));
      const blockedAfterWarmUp = processes.map((p) => p.tokens.stats().blocked);
      // 2-second tokens: the refresh window (10 %, 200-300 ms) leaves room for a slow mint on a busy
      // machine. The load runs for `lifetimes` lifetimes counted from the first mint.
      const lifetimes = 3;
      const firstMint = (await processes[0]!.tokens.getToken()).mintedAt;
      const until = firstMint + lifetimes * 2_000;
      const statuses: (number | string)[] = [];
      while (Date.now() < until) {
        statuses.push(...(await Promise.all(processes.flatMap((p) => [call(p.zoom), call(p.zoom)]))));
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(statuses.length).toBeGreaterThan(100);
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
      expect(mints(sim)).toBeGreaterThanOrEqual(lifetimes);
      expect(mints(sim)).toBeLessThanOrEqual(lifetimes + 1);
      // Refresh runs in the background. The refreshing process never waits; another process that made
      // no call inside the refresh window (a busy machine spaces calls out) reads the new token from the
      // store when it next needs one: at most once per lifetime, and never by minting.
      // (Under invalidate-previous an old token is dead once the new one exists: waits then follow 401s.)
      const waits = processes.map((p, i) => p.tokens.stats().blocked - blockedAfterWarmUp[i]!);
      if (tokenModel === "multi") for (const w of waits) expect(w).toBeLessThanOrEqual(lifetimes);
      const minters = processes.filter((p) => p.tokens.stats().mints.refresh > 0);
      expect(minters.length).toBeGreaterThan(0);
      const total = processes.reduce((n, p) => n + p.tokens.stats().mints.total, 0);
      expect(total).toBe(mints(sim));
      if (tokenModel === "invalidate-previous") {
        // Old tokens died at each refresh: their 401s were retried once with the new token.
        const retried = processes.reduce((n, p) => n + p.tokens.stats().unauthorized.retried, 0);
        expect(retried).toBe(processes.reduce((n, p) => n + p.tokens.stats().unauthorized.seen, 0));
      }
    });
  }
});
