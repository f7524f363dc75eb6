/**
 * The API as a real process against the simulator (real mode, memory store): the meeting routes, the
 * answers to bad input and bad keys, and Zoom's failures mapped to the documented answers.
 */
import { DEFAULT_APP, type ZoomSimulator } from "@zoomkit/simulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningApi, startApi } from "./support/api.js";
import { METRICS_TOKEN, meetingInput, randomKey, realModeEnv, startSimulator } from "./support/zoom.js";

/** Hosts used only by the daily-cap tests, so the cap counts start at zero. */
const CAPPED_HOSTS = ["capped.one@example.com", "capped.two@example.com"] as const;
const KEY = randomKey();
const OTHER_KEY = randomKey();
let sim: ZoomSimulator;
let api: RunningApi;

beforeAll(async () => {
  sim = await startSimulator({ extraHosts: CAPPED_HOSTS });
  api = await startApi(realModeEnv(sim, { API_KEYS: `${KEY}, ${OTHER_KEY}` }), KEY);
});

afterAll(async () => {
  const code = await api?.stop();
  await sim?.close();
  expect(code).toBe(0);
  // Nothing secret in any line the process printed.
  const output = api.process.output();
  for (const secret of [KEY, OTHER_KEY, DEFAULT_APP.clientSecret]) expect(output).not.toContain(secret);
  expect(output).not.toMatch(/Bearer\s+\S/);
});

beforeEach(() => {
  sim.control.set({ dailyCap: null, dailyCapAs: 429, rateLimitHeaders: true });
});

describe("meetings", () => {
  it("creates, reads and deletes a meeting", async () => {
    const created = await api.call("/meetings", { method: "POST", body: JSON.stringify(meetingInput()) });
    expect(created.status).toBe(201);
    const meeting = (await created.json()) as Record<string, unknown>;
    expect(meeting).toMatchObject({
      topic: "Quarterly planning",
      duration: 45,
      type: 2,
      startTime: "2030-01-15T08:30:00Z",
    });
    expect(meeting.id).toMatch(/^\d{10,}$/);
    expect(created.headers.get("location")).toBe(`/meetings/${meeting.id}`);
    expect(JSON.stringify(meeting)).not.toMatch(/start_url|startUrl|password/);

    const read = await api.call(`/meetings/${meeting.id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: meeting.id, topic: "Quarterly planning" });

    const deleted = await api.call(`/meetings/${meeting.id}`, { method: "DELETE" });
    expect(deleted.status).toBe(204);

    const gone = await api.call(`/meetings/${meeting.id}`);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ error: "meeting_not_found", zoomCode: 3001 });
    const goneAgain = await api.call(`/meetings/${meeting.id}`, { method: "DELETE" });
    expect(goneAgain.status).toBe(404);
  });

  it("creates an instant meeting when no start time is given", async () => {
    const created = await api.call("/meetings", {
      method: "POST",
      body: JSON.stringify({ host: "host@example.com", topic: "Now" }),
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ type: 1, topic: "Now" });
  });

  it("answers 404 host_not_found for a host Zoom does not know", async () => {
    const created = await api.call("/meetings", {
      method: "POST",
      body: JSON.stringify(meetingInput({ host: "nobody@example.com" })),
    });
    expect(created.status).toBe(404);
    expect(await created.json()).toMatchObject({ error: "host_not_found", zoomCode: 1001 });
  });
});

describe("bad input", () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    api.call("/meetings", { method: "POST", body, headers });

  it("names every invalid field", async () => {
    const answer = await post(
      JSON.stringify({ topic: "", startTime: "tomorrow", duration: 0, colour: "red" }),
    );
    expect(answer.status).toBe(400);
    const body = (await answer.json()) as { error: string; issues: { field: string }[] };
    expect(body.error).toBe("invalid_request");
    expect(body.issues.map((issue) => issue.field).sort()).toEqual([
      "(body)",
      "duration",
      "host",
      "startTime",
      "topic",
    ]);
  });

  it("refuses a body that is not JSON", async () => {
    const answer = await post("topic=standup", { "content-type": "application/x-www-form-urlencoded" });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ error: "invalid_request" });
  });

  it("refuses wrong types inside settings", async () => {
    const answer = await post(JSON.stringify(meetingInput({ settings: { waitingRoom: "yes" } })));
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ issues: [{ field: "settings.waitingRoom" }] });
  });

  it("refuses a meeting id that is not a number", async () => {
    const answer = await api.call("/meetings/12abc");
    expect(answer.status).toBe(400);
    const tooBig = await api.call("/meetings/99999999999999999");
    expect(tooBig.status).toBe(400);
  });

  it("refuses an oversized body with 413", async () => {
    const answer = await post(JSON.stringify(meetingInput({ agenda: "x".repeat(70_000) })));
    expect(answer.status).toBe(413);
  });
});

describe("API keys", () => {
  it("answers 401 without a key", async () => {
    const answer = await api.call("/meetings/123", { key: null });
    expect(answer.status).toBe(401);
    expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await answer.json()).toMatchObject({ error: "unauthorized" });
  });

  it("answers 401 for a wrong key, or the right key in another scheme", async () => {
    expect((await api.call("/meetings", { method: "POST", body: "{}", key: `${KEY}x` })).status).toBe(401);
    expect((await api.call("/meetings/123", { key: KEY.slice(0, -1) })).status).toBe(401);
    const basic = await fetch(`${api.url}/meetings/123`, { headers: { authorization: `Basic ${KEY}` } });
    expect(basic.status).toBe(401);
  });

  it("accepts every configured key", async () => {
    const answer = await api.call("/meetings", {
      method: "POST",
      body: JSON.stringify(meetingInput()),
      key: OTHER_KEY,
    });
    expect(answer.status).toBe(201);
  });
});

describe("Zoom's failures", () => {
  it("answers 429 with Retry-After when the host's daily cap is reached (Zoom 429 Daily-limit)", async () => {
    sim.control.set({ dailyCap: 1, dailyCapAs: 429 });
    const body = JSON.stringify(meetingInput({ host: CAPPED_HOSTS[0] }));
    expect((await api.call("/meetings", { method: "POST", body })).status).toBe(201);
    const capped = await api.call("/meetings", { method: "POST", body });
    expect(capped.status).toBe(429);
    const retryAfter = Number(capped.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(24 * 60 * 60);
    expect(await capped.json()).toMatchObject({ error: "daily_limit" });
  });

  it("answers 429 with Retry-After when Zoom sends the daily cap as HTTP 300", async () => {
    sim.control.set({ dailyCap: 1, dailyCapAs: 300 });
    const body = JSON.stringify(meetingInput({ host: CAPPED_HOSTS[1] }));
    expect((await api.call("/meetings", { method: "POST", body })).status).toBe(201);
    const capped = await api.call("/meetings", { method: "POST", body });
    expect(capped.status).toBe(429);
    expect(Number(capped.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await capped.json()).toMatchObject({ error: "daily_limit" });
  });
});

describe("health, readiness and metrics", () => {
  it("reports health, and readiness as a bare status without a key", async () => {
    const health = await api.call("/healthz", { key: null });
    expect(health.status).toBe(200);
    for (const key of [null, "not-a-configured-key-at-all"]) {
      const ready = await api.call("/readyz", { key });
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: "ready" });
    }
  });

  it("shows readiness detail to a caller with an API key, with no secret in it", async () => {
    const ready = await api.call("/readyz");
    expect(ready.status).toBe(200);
    const text = await ready.text();
    expect(JSON.parse(text)).toMatchObject({ status: "ready", store: { ok: true }, token: { ok: true } });
    expect(text).not.toContain(DEFAULT_APP.clientSecret);
  });

  it("serves /metrics only with the metrics token", async () => {
    for (const key of [null, KEY]) {
      const refused = await api.call("/metrics", { key });
      expect(refused.status).toBe(401);
      expect(await refused.text()).not.toContain("zoomkit_");
    }
  });

  it("exposes request latency and token metrics for Prometheus", async () => {
    await api.call("/meetings/1");
    const answer = await api.call("/metrics", { key: METRICS_TOKEN });
    expect(answer.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await answer.text();
    // Request metrics from @hono/prometheus: route pattern, never the raw path.
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/meetings\/:id",status="404",ok="false"\} \d+/,
    );
    expect(text).toMatch(
      /http_requests_total\{method="GET",route="\/meetings\/:id",status="404",ok="false"\} \d+/,
    );
    expect(text).not.toContain('route="/meetings/1"');
    // zoomkit's metrics from @zoomkit/prometheus: the engine's stats and the pipeline's events.
    expect(text).toMatch(/^zoomkit_token_mints_total\{reason="cold"\} [1-9]/m);
    expect(text).toMatch(
      /^zoomkit_request_attempts_total\{method="GET",operation="\/meetings\/\{meetingId\}",outcome="404"\} [1-9]/m,
    );
    expect(text).toContain("zoomkit_store_degraded 0");
    expect(text).toContain('zoomkit_token_circuit_state{state="closed"} 1');
  });
});
