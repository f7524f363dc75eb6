import { describe, expect, it, vi } from "vitest";
import { credentialKeys } from "../../src/tokens/keys.js";
import { base, setup } from "./setup.js";

const outage = { status: 503, body: { reason: "Service Unavailable" } };
const noJitter = { mintBackoffMs: 1_000, mintMaxBackoffMs: 8_000 };

describe("token provider: failed mints back off, fleet-wide", () => {
  it("fails fast with retryAt after a failed mint, for every process sharing the store, and asks once when the wait is over", async () => {
    const { tokens, zoom, clock, make, named } = setup(noJitter);
    zoom.fail(outage.status, outage.body);
    const first = await tokens.getToken().catch((e: unknown) => e);
    expect(first).toMatchObject({ code: "token_endpoint_unavailable" });
    const retryAt = (first as { retryAt?: number }).retryAt!;
    // Equal jitter: between half and all of the first 1 s wait.
    expect(retryAt - clock.now()).toBeGreaterThanOrEqual(500);
    expect(retryAt - clock.now()).toBeLessThanOrEqual(1_000);
    const callers = await Promise.all(
      Array.from({ length: 16 }, () => tokens.getToken().catch((e: unknown) => e)),
    );
    const elsewhere = await make()
      .getToken()
      .catch((e: unknown) => e);
    for (const e of [...callers, elsewhere])
      expect(e).toMatchObject({ code: "token_endpoint_unavailable", retryAt });
    expect(zoom.requests()).toBe(1);
    clock.advance(retryAt - clock.now());
    await expect(tokens.getToken()).rejects.toMatchObject({ code: "token_endpoint_unavailable" });
    expect(zoom.requests()).toBe(2);
    expect(named("mintFailed").map((e) => (e.payload as { failures: number }).failures)).toEqual([1, 2]);
    expect(tokens.stats()).toMatchObject({ mintFailures: 2, backoff: { active: true, failures: 2 } });
  });

  it("doubles the wait per failure up to the longest, and ends the backoff with the first good mint", async () => {
    const { tokens, zoom, clock, store } = setup(noJitter);
    zoom.answerWith(() => new Response("<html>Bad Gateway</html>", { status: 502 }));
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const error = (await tokens.getToken().catch((e: unknown) => e)) as { retryAt: number };
      waits.push(error.retryAt - clock.now());
      clock.advance(error.retryAt - clock.now());
    }
    const ceilings = [1_000, 2_000, 4_000, 8_000, 8_000, 8_000];
    waits.forEach((wait, i) => {
      expect(wait).toBeGreaterThanOrEqual(ceilings[i]! / 2);
      expect(wait).toBeLessThanOrEqual(ceilings[i]!);
    });
    zoom.recover();
    await expect(tokens.getToken()).resolves.toMatchObject({ value: expect.stringMatching(/^tok-1-/) });
    const keys = credentialKeys("zoomkit:", base.accountId, base.clientId, base.clientSecret);
    expect(await store.get(keys.failures)).toBeNull();
    expect(tokens.stats().backoff).toEqual({ active: false, failures: 0 });
    // Failed requests never counted against the budget: only the one token is.
    expect(tokens.stats().mintsLastHour).toBe(1);
  });

  it("keeps serving the current token while refreshes fail, asking no more often than the backoff allows", async () => {
    const { tokens, zoom, clock } = setup(noJitter, { expiresIn: 600 });
    const current = await tokens.getToken();
    zoom.fail(outage.status, outage.body);
    // Into the refresh window (min(5 min, 60 s) plus jitter before expiry); then 30 s of calls every 100 ms.
    clock.advance(510_000);
    for (let t = 0; t < 30_000; t += 100) {
      expect((await tokens.getToken()).fingerprint).toBe(current.fingerprint);
      // A real millisecond for a background refresh to start, then until every request it sent has
      // failed and been recorded: how long that takes in real time must not move the fake clock.
      await new Promise((resolve) => setTimeout(resolve, 1));
      await vi.waitFor(() => expect(tokens.stats().mintFailures).toBe(zoom.requests() - 1), {
        timeout: 10_000,
        interval: 1,
      });
      clock.advance(100);
    }
    // Waits of at least 0.5, 1, 2, 4, 4, 4... s: at most 10 requests in 30 s.
    expect(zoom.requests()).toBeGreaterThanOrEqual(3);
    expect(zoom.requests()).toBeLessThanOrEqual(10);
    zoom.recover();
    // The next try comes when the backoff ends (at most 8 s away), still within the token's life.
    await expect
      .poll(async () => {
        clock.advance(1_000);
        return (await tokens.getToken()).fingerprint;
      })
      .not.toBe(current.fingerprint);
  });

  it("remembers refused credentials for the whole fleet: one refused request per cool-down", async () => {
    const { zoom, make, clock } = setup({
      clientSecret: "wrong-secret",
      invalidCredentialsCoolDownMs: 60_000,
    });
    const fleet = [make(), make(), make()];
    const errors = await Promise.all(
      fleet.flatMap((p) => [p.getToken(), p.getToken()].map((t) => t.catch((e: unknown) => e))),
    );
    for (const e of errors) expect(e).toMatchObject({ code: "invalid_credentials" });
    expect(zoom.requests()).toBe(1);
    clock.advance(60_001);
    await Promise.all(fleet.map((p) => p.getToken().catch(() => undefined)));
    expect(zoom.requests()).toBe(2);
  });

  it("keeps the backoff in this process while the store is down", async () => {
    const { zoom, make } = setup(noJitter);
    const broken = make({
      store: {
        name: "broken",
        capabilities: { shared: true, crossProcessLease: true, notifications: false },
        get: () => Promise.reject(new Error("down")),
        compareAndSet: () => Promise.reject(new Error("down")),
        compareAndDelete: () => Promise.reject(new Error("down")),
        acquireLease: () => Promise.reject(new Error("down")),
        releaseLease: () => Promise.reject(new Error("down")),
        recordEvent: () => Promise.reject(new Error("down")),
        countEvents: () => Promise.reject(new Error("down")),
        close: async () => undefined,
      },
    });
    zoom.fail(outage.status, outage.body);
    await expect(broken.getToken()).rejects.toMatchObject({ code: "token_endpoint_unavailable" });
    await expect(broken.getToken()).rejects.toMatchObject({ code: "token_endpoint_unavailable" });
    expect(zoom.requests()).toBe(1);
    expect(broken.stats().degraded.active).toBe(true);
  });
});
