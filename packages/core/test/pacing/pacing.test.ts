/**
 * Pacing over real HTTP against the simulator's rate limits (per-second limits per account and
 * category, the per-host daily cap). Each client is one "process"; they share a store. Bounds are
 * counts (429s Zoom sent, calls it saw), never wall-clock times.
 */
import { startZoomSimulator, type ZoomSimulator } from "@zoomkit/simulator";
import { afterEach, describe, expect, it } from "vitest";
import {
  createMemoryStore,
  createTokenProvider,
  createZoomClient,
  getRateLimit,
  PACED_HEADER,
  type PacingOptions,
  type TokenStore,
  type ZoomHooks,
} from "../../src/index.js";

const APP = { accountId: "sim-account-1", clientId: "sim-client-id", clientSecret: "sim-client-secret" };
const HOST = "host@example.com";
const body = { topic: "Paced", type: 2 as const, start_time: "2030-01-01T10:00:00Z", duration: 30 };

const opened: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((x) => x.close()));
});

async function simulator(options: Parameters<typeof startZoomSimulator>[0]): Promise<ZoomSimulator> {
  const sim = await startZoomSimulator(options);
  opened.push(sim);
  return sim;
}

function client(
  sim: ZoomSimulator,
  store: TokenStore,
  pacing: PacingOptions | undefined,
  extra: { hooks?: ZoomHooks; maxRetries?: number; keyPrefix?: string } = {},
) {
  const zoom = createZoomClient({
    ...APP,
    baseUrl: sim.baseUrl,
    oauthUrl: sim.oauthUrl,
    store,
    ...(pacing ? { pacing } : {}),
    ...(extra.hooks ? { hooks: extra.hooks } : {}),
    ...(extra.keyPrefix !== undefined ? { keyPrefix: extra.keyPrefix } : {}),
    rateLimit: { maxRetries: extra.maxRetries ?? 0 },
  });
  opened.push(zoom);
  return zoom;
}

const create = (zoom: ReturnType<typeof client>, host = HOST, signal?: AbortSignal) =>
  zoom.POST("/users/{userId}/meetings", {
    params: { path: { userId: host } },
    body,
    ...(signal ? { signal } : {}),
  });

const medium = (rate: number, more: Pick<PacingOptions, "maxWaitMs" | "store"> = {}): PacingOptions => ({
  rates: { light: 100, medium: rate, heavy: 100, resourceIntensive: 1 },
  dailyMeetingCap: false,
  ...more,
});

describe("pacing against Zoom's per-second limits", () => {
  it("turns a burst from several clients above the limit into 0 429s from Zoom", async () => {
    const sim = await simulator({ qps: { medium: 10 } });
    const store = createMemoryStore();
    const zooms = [0, 1, 2].map(() => client(sim, store, medium(10)));
    const results = await Promise.all(Array.from({ length: 36 }, (_, i) => create(zooms[i % zooms.length]!)));
    expect(results.map((r) => r.response.status)).toEqual(Array(36).fill(201));
    expect(sim.stats().rateLimited.qps).toBe(0);
    await store.close();
  });

  it("without pacing, the same burst earns 429s (the test above can fail)", async () => {
    const sim = await simulator({ qps: { medium: 10 } });
    const store = createMemoryStore();
    const zooms = [0, 1, 2].map(() => client(sim, store, undefined));
    await Promise.all(Array.from({ length: 36 }, (_, i) => create(zooms[i % zooms.length]!)));
    expect(sim.stats().rateLimited.qps).toBeGreaterThan(0);
    await store.close();
  });

  it("refuses a call that cannot get a permit in time with a 429 shaped like Zoom's", async () => {
    const sim = await simulator({ qps: { medium: 2 } });
    const events: unknown[] = [];
    const store = createMemoryStore();
    const zoom = client(sim, store, medium(2, { maxWaitMs: 300 }), {
      hooks: { rateLimited: (e) => events.push(e) },
    });
    const results = await Promise.all(Array.from({ length: 8 }, () => create(zoom)));
    const refused = results.filter((r) => r.response.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    for (const { response, error } of refused) {
      expect(response.headers.get(PACED_HEADER)).toBe("refused");
      expect(response.headers.get("x-ratelimit-type")).toBe("QPS");
      expect(response.headers.get("x-ratelimit-category")).toBe("Medium");
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(error).toMatchObject({ code: 429 });
      expect(getRateLimit(response)).toMatchObject({
        type: "qps",
        status: 429,
        category: "Medium",
        limit: 2,
        remaining: 0,
        local: true,
      });
      expect(getRateLimit(response)!.retryAfterMs).toBeGreaterThan(0);
    }
    // Refused calls were never sent, and Zoom refused none.
    expect(sim.stats().calls.meetingCreate?.[201]).toBe(8 - refused.length);
    expect(sim.stats().rateLimited.qps).toBe(0);
    expect(events).toContainEqual(expect.objectContaining({ local: true, willRetry: false, type: "qps" }));
    await store.close();
  });

  it("ends a waiting call at once when its caller aborts, without sending it", async () => {
    const sim = await simulator({ qps: { medium: 1 } });
    const store = createMemoryStore();
    const zoom = client(sim, store, medium(1, { maxWaitMs: 60_000 }));
    expect((await create(zoom)).response.status).toBe(201);
    const controller = new AbortController();
    const waiting = create(zoom, HOST, controller.signal);
    setTimeout(() => controller.abort(new Error("caller gave up")), 50);
    await expect(waiting).rejects.toThrow("caller gave up");
    expect(sim.stats().calls.meetingCreate?.[201]).toBe(1);
    await store.close();
  });

  it("learns a lower limit from X-RateLimit-Limit and stops earning 429s", async () => {
    const sim = await simulator({ qps: { medium: 4 } });
    const store = createMemoryStore();
    // Told 50 a second: Zoom's first 429s say 4 (X-RateLimit-Limit), and the pacer follows.
    const zoom = client(sim, store, medium(50), { maxRetries: 5 });
    const first = await Promise.all(Array.from({ length: 12 }, () => create(zoom)));
    const learnedAfter = sim.stats().rateLimited.qps;
    expect(learnedAfter).toBeGreaterThan(0);
    const second = await Promise.all(Array.from({ length: 12 }, () => create(zoom)));
    expect([...first, ...second].every((r) => r.response.status === 201)).toBe(true);
    expect(sim.stats().rateLimited.qps - learnedAfter).toBe(0);
    await store.close();
  });

  it("paces alone at a share of the rate when the store fails, and says so", async () => {
    const sim = await simulator({ qps: { medium: 10 } });
    const store = createMemoryStore();
    const pacingStore = createMemoryStore();
    await pacingStore.close(); // every takePermits now fails with store_closed
    const events: unknown[] = [];
    const zoom = client(
      sim,
      store,
      { ...medium(10), store: pacingStore },
      { hooks: { pacing: (e) => events.push(e) } },
    );
    const results = await Promise.all(Array.from({ length: 6 }, () => create(zoom)));
    expect(results.every((r) => r.response.status === 201)).toBe(true);
    expect(sim.stats().rateLimited.qps).toBe(0);
    expect(events).toEqual([{ state: "degraded", reason: "store_error" }]);
    await store.close();
  });
});

const update = (zoom: ReturnType<typeof client>, meetingId: number) =>
  zoom.PATCH("/meetings/{meetingId}", {
    params: { path: { meetingId } },
    body: { topic: "Paced, renamed" },
  });

describe("the daily per-host create and update cap", () => {
  it("is counted across clients and refused locally past the cap, with the reset time", async () => {
    const sim = await simulator({});
    const store = createMemoryStore();
    const pacing = { plan: "pro" as const, dailyMeetingCap: 3 };
    const [a, b] = [client(sim, store, pacing), client(sim, store, pacing)];
    const statuses = [];
    for (const zoom of [a, b, a]) statuses.push((await create(zoom)).response.status);
    expect(statuses).toEqual([201, 201, 201]);
    const { response, error } = await create(b);
    expect(response.status).toBe(429);
    expect(error).toMatchObject({ code: 429 });
    const reading = getRateLimit(response)!;
    const midnight = new Date();
    midnight.setUTCHours(24, 0, 0, 0);
    expect(reading).toMatchObject({ type: "daily", limit: 3, remaining: 0, local: true, category: "Medium" });
    expect(reading.resetAt?.getTime()).toBe(midnight.getTime());
    expect(response.headers.get("x-ratelimit-type")).toBe("Daily-limit");
    expect(response.headers.get("retry-after")).toBe(midnight.toISOString().replace(".000Z", "Z"));
    // Zoom saw three creates; the host's count is kept apart from another host's.
    expect(sim.stats().calls.meetingCreate?.[201]).toBe(3);
    expect((await create(a, "second.host@example.com")).response.status).toBe(201);
    await store.close();
  });

  it("counts a meeting's updates against the host it was created for, from any client of the fleet", async () => {
    const sim = await simulator({});
    const store = createMemoryStore();
    const pacing = { plan: "pro" as const, dailyMeetingCap: 3 };
    const [a, b] = [client(sim, store, pacing), client(sim, store, pacing)];
    const created = await create(a);
    expect(created.response.status).toBe(201);
    const meetingId = created.data!.id!;
    // The create and two updates (one from each client) fill the host's day of 3.
    expect((await update(b, meetingId)).response.status).toBe(204);
    expect((await update(a, meetingId)).response.status).toBe(204);
    const refused = await update(b, meetingId);
    expect(refused.response.status).toBe(429);
    expect(getRateLimit(refused.response)).toMatchObject({ type: "daily", limit: 3, local: true });
    // Creates and updates share the count: the host's next create is refused too.
    expect((await create(a)).response.status).toBe(429);
    expect(sim.stats().calls.meetingUpdate?.[204]).toBe(2);
    expect(sim.stats().calls.meetingCreate?.[201]).toBe(1);
    await store.close();
  });

  it("does not count updates of a meeting the fleet did not create (its host is unknown)", async () => {
    const sim = await simulator({});
    const store = createMemoryStore();
    const created = await create(client(sim, store, undefined));
    const paced = client(sim, store, { plan: "pro", dailyMeetingCap: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await update(paced, created.data!.id!)).response.status);
    expect(statuses).toEqual([204, 204, 204]);
    await store.close();
  });
});

describe("the pacer's store keys", () => {
  /** A memory store that records the pacer's keys (its limiters and counters; the engine's mints are left out). */
  function recordingStore() {
    const store = createMemoryStore();
    const all: string[] = [];
    const keys = {
      get pacer() {
        return all.filter((key) => key.includes("{pace:"));
      },
      push: (key: string) => all.push(key),
    };
    const recording: TokenStore = {
      ...store,
      takePermits: (key, want, rate) => {
        keys.push(key);
        return store.takePermits!(key, want, rate);
      },
      recordEvent: (key, windowMs) => {
        keys.push(key);
        return store.recordEvent(key, windowMs);
      },
    };
    return { store: recording, keys };
  }

  it("keep the prefix they always had without keyPrefix, so a rolling deploy shares one limiter", async () => {
    const sim = await simulator({});
    const { store, keys } = recordingStore();
    expect((await create(client(sim, store, { plan: "pro" }))).response.status).toBe(201);
    expect(keys.pacer).toEqual([
      "zoomkit:{pace:sim-account-1}:Medium",
      expect.stringMatching(/^zoomkit:\{pace:sim-account-1\}:day:\d{4}-\d{2}-\d{2}:[0-9a-f]{12}$/),
    ]);
    await store.close();
  });

  it("follow the client's keyPrefix", async () => {
    const sim = await simulator({});
    const { store, keys } = recordingStore();
    const zoom = client(sim, store, { plan: "pro" }, { keyPrefix: "tenant-a:" });
    expect((await create(zoom)).response.status).toBe(201);
    expect(keys.pacer.length).toBe(2);
    for (const key of keys.pacer) expect(key.startsWith("tenant-a:{pace:sim-account-1}:")).toBe(true);
    await store.close();
  });

  // One permit per 100 s and no wait: whoever takes the limiter's permit second is refused.
  const scarce: PacingOptions = {
    rates: { light: 100, medium: 0.01, heavy: 100, resourceIntensive: 1 },
    maxWaitMs: 0,
    dailyMeetingCap: false,
  };

  it("of clients with different prefixes on one store are apart: they share no permits", async () => {
    const sim = await simulator({});
    const store = createMemoryStore();
    const a = client(sim, store, scarce, { keyPrefix: "tenant-a:" });
    const b = client(sim, store, scarce, { keyPrefix: "tenant-b:" });
    expect((await create(a)).response.status).toBe(201);
    expect((await create(b)).response.status).toBe(201);
    expect(sim.stats().calls.meetingCreate?.[201]).toBe(2);
    await store.close();
  });

  it("of clients with one prefix are shared: the second client is refused (the test above can fail)", async () => {
    const sim = await simulator({});
    const store = createMemoryStore();
    const a = client(sim, store, scarce, { keyPrefix: "tenant-a:" });
    const b = client(sim, store, scarce, { keyPrefix: "tenant-a:" });
    expect((await create(a)).response.status).toBe(201);
    const refused = await create(b);
    expect(refused.response.status).toBe(429);
    expect(refused.response.headers.get(PACED_HEADER)).toBe("refused");
    await store.close();
  });

  it("refuse a keyPrefix with a brace, also beside the caller's own token provider", async () => {
    const tokens = createTokenProvider(APP);
    opened.push(tokens);
    const bad = { ...APP, keyPrefix: "a{b}:", pacing: { plan: "pro" as const } };
    const refusal = expect.objectContaining({ name: "ZoomConfigError", option: "keyPrefix" });
    expect(() => createZoomClient(bad)).toThrow(refusal);
    expect(() => createZoomClient({ ...bad, tokens })).toThrow(refusal);
  });
});
