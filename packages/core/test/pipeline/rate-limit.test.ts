import { describe, expect, it } from "vitest";
import { createZoomClient } from "../../src/client.js";
import { getRateLimit } from "../../src/pipeline/rate-limit.js";
import {
  BASE_URL,
  clientUnder,
  meetingBody,
  recordingHooks,
  recordingSleep,
  scriptedZoom,
  stubTokens,
  zoomError,
} from "./helpers.js";

const NOW = Date.UTC(2026, 2, 10, 15, 30, 0);
const now = () => NOW;
const NEXT_MIDNIGHT = new Date(Date.UTC(2026, 2, 11));
const qps = (retryAfter?: string) =>
  zoomError(429, 429, "You have reached the maximum per-second rate limit for this API.", {
    "X-RateLimit-Type": "QPS",
    "X-RateLimit-Category": "Medium",
    ...(retryAfter === undefined ? {} : { "Retry-After": retryAfter }),
  });
const created = () => Response.json({ id: 42 }, { status: 201 });
const createMeeting = (client: ReturnType<typeof clientUnder>) =>
  client.POST("/users/{userId}/meetings", {
    params: { path: { userId: "host@example.com" } },
    body: meetingBody,
  });

describe("429 per-second limits are waited out", () => {
  it("re-sends a POST body intact after a 429", async () => {
    const zoom = scriptedZoom(qps("1"), created());
    const { sleep, delays } = recordingSleep();

    const { data } = await createMeeting(clientUnder(zoom, { sleep, now }));

    expect(data?.id).toBe(42);
    expect(zoom.sent).toHaveLength(2);
    expect(zoom.sent[1]?.body).toBe(zoom.sent[0]?.body);
    expect(JSON.parse(zoom.sent[1]?.body ?? "")).toEqual(meetingBody);
    expect(zoom.sent[1]?.headers.get("content-type")).toBe("application/json");
    expect(delays).toEqual([1500]);
  });

  it.each([
    ["delay-seconds", "2", 2000],
    ["an HTTP-date", new Date(NOW + 3000).toUTCString(), 3000],
    ["an ISO-8601 time", new Date(NOW + 4000).toISOString(), 4000],
  ])("waits the Retry-After given as %s, plus jitter", async (_form, retryAfter, expectedMs) => {
    const zoom = scriptedZoom(qps(retryAfter), created());
    const { sleep, delays } = recordingSleep();

    const { response } = await createMeeting(clientUnder(zoom, { sleep, now, random: () => 0 }));

    expect(response.status).toBe(201);
    expect(delays).toEqual([expectedMs]);
  });

  it("retries a 429 without any rate-limit headers after 1 s plus jitter", async () => {
    const zoom = scriptedZoom(new Response(null, { status: 429 }), created());
    const { sleep, delays } = recordingSleep();

    const { response } = await createMeeting(clientUnder(zoom, { sleep, now, random: () => 0.25 }));

    expect(response.status).toBe(201);
    expect(delays).toEqual([1250]);
  });

  it("stops after the retry budget and returns the 429", async () => {
    const zoom = scriptedZoom(() => qps("1"));
    const { sleep, delays } = recordingSleep();

    const { response } = await createMeeting(clientUnder(zoom, { sleep, now, random: () => 0 }));

    expect(response.status).toBe(429);
    expect(zoom.sent).toHaveLength(4);
    expect(delays).toEqual([1000, 1000, 1000]);
  });

  it("returns the 429 instead of a wait that would pass the cap on total waiting", async () => {
    const zoom = scriptedZoom(() => qps("6"));
    const { sleep, delays } = recordingSleep();
    const { hooks, events } = recordingHooks();

    const { response } = await createMeeting(clientUnder(zoom, { sleep, now, random: () => 0, hooks }));

    expect(response.status).toBe(429);
    expect(delays).toEqual([6000, 6000]);
    expect(zoom.sent).toHaveLength(3);
    const willRetry = events.flatMap((e) => (e.name === "rateLimited" ? [e.event.willRetry] : []));
    expect(willRetry).toEqual([true, true, false]);
  });

  it("returns at once a QPS 429 whose single wait is longer than the cap", async () => {
    const zoom = scriptedZoom(qps("20"), created());
    const { sleep, delays } = recordingSleep();

    const { response } = await createMeeting(clientUnder(zoom, { sleep, now }));

    expect(response.status).toBe(429);
    expect(delays).toEqual([]);
    expect(getRateLimit(response)).toMatchObject({ type: "qps", retryAfterMs: 20_000, category: "Medium" });
  });

  it("honours the client's rateLimit options through createZoomClient", async () => {
    const slowDown = () => zoomError(429, 429, "slow down", { "Retry-After": "0" });
    const zoom = scriptedZoom(slowDown(), slowDown(), created());
    const client = createZoomClient({
      accountId: "a",
      clientId: "c",
      clientSecret: "s",
      baseUrl: BASE_URL,
      fetch: zoom.fetch as typeof fetch,
      tokens: stubTokens().provider,
      rateLimit: { maxRetries: 1, jitterMs: 0 },
    });

    const { response } = await client.POST("/users/{userId}/meetings", {
      params: { path: { userId: "host@example.com" } },
      body: meetingBody,
    });

    expect(response.status).toBe(429);
    expect(zoom.sent).toHaveLength(2);
  });
});

describe("daily limits are returned at once with the reset time", () => {
  it("returns X-RateLimit-Type: Daily-limit without waiting, with resetAt from Retry-After", async () => {
    const reset = "2026-03-11T00:00:00Z";
    const zoom = scriptedZoom(
      zoomError(429, 429, "You have reached the maximum daily rate limit for this API.", {
        "X-RateLimit-Type": "Daily-limit",
        "X-RateLimit-Category": "Light",
        "X-RateLimit-Limit": "2000",
        "X-RateLimit-Remaining": "0",
        "Retry-After": reset,
      }),
      created(),
    );
    const { sleep, delays } = recordingSleep();

    const { response } = await createMeeting(clientUnder(zoom, { sleep, now }));

    expect(response.status).toBe(429);
    expect(zoom.sent).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(getRateLimit(response)).toEqual({
      type: "daily",
      status: 429,
      category: "Light",
      limit: 2000,
      remaining: 0,
      resetAt: new Date(reset),
      retryAfterMs: new Date(reset).getTime() - NOW,
    });
  });

  it("never waits for a daily limit, even when the wait cap would allow it", async () => {
    const zoom = scriptedZoom(
      zoomError(429, 429, "daily", { "X-RateLimit-Type": "Daily-limit", "Retry-After": "1" }),
      created(),
    );
    const { sleep, delays } = recordingSleep();
    const rateLimit = { maxWaitMs: Number.POSITIVE_INFINITY };

    const { response } = await createMeeting(clientUnder(zoom, { sleep, now, rateLimit }));

    expect(response.status).toBe(429);
    expect(zoom.sent).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(getRateLimit(response)).toMatchObject({ type: "daily", resetAt: new Date(NOW + 1000) });
  });

  it("treats an untyped 429 with a far ISO Retry-After as a daily limit", async () => {
    const zoom = scriptedZoom(
      new Response(null, { status: 429, headers: { "Retry-After": "2026-03-11T00:00:00" } }),
    );
    const { sleep, delays } = recordingSleep();

    const { response } = await createMeeting(clientUnder(zoom, { sleep, now }));

    expect(zoom.sent).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(getRateLimit(response)).toMatchObject({ type: "daily", resetAt: NEXT_MIDNIGHT });
  });

  it("returns HTTP 300 with the daily-cap message at once, resetting at 00:00 UTC", async () => {
    const zoom = scriptedZoom(
      zoomError(300, 3000, "A maximum of 100 meetings can be created/updated for a single user in one day."),
      created(),
    );
    const { sleep, delays } = recordingSleep();
    const { hooks, events } = recordingHooks();

    const { error, response } = await createMeeting(clientUnder(zoom, { sleep, now, hooks }));

    expect(response.status).toBe(300);
    expect(error).toMatchObject({ code: 3000 });
    expect(zoom.sent).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(getRateLimit(response)).toEqual({
      type: "daily",
      status: 300,
      limit: 100,
      remaining: 0,
      resetAt: NEXT_MIDNIGHT,
      retryAfterMs: NEXT_MIDNIGHT.getTime() - NOW,
    });
    expect(events).toEqual([
      {
        name: "rateLimited",
        event: {
          method: "POST",
          path: "/v2/users/{email}/meetings", // the host's address is personal data: masked
          status: 300,
          type: "daily",
          retryAt: NEXT_MIDNIGHT.getTime(),
          willRetry: false,
        },
      },
    ]);
  });

  it("leaves a 300 without the daily-cap message alone", async () => {
    const zoom = scriptedZoom(zoomError(300, 3001, "Meeting does not exist: 1."));
    const { hooks, events } = recordingHooks();
    const client = clientUnder(zoom, { hooks });

    const { response } = await client.DELETE("/meetings/{meetingId}", { params: { path: { meetingId: 1 } } });

    expect(response.status).toBe(300);
    expect(getRateLimit(response)).toBeNull();
    expect(events).toEqual([]);
  });
});

describe("getRateLimit", () => {
  it("reads a response that did not come through the pipeline, with the 300 body passed in", () => {
    const response = new Response(null, { status: 300 });
    const error = {
      code: 3000,
      message: "A maximum of 100 meetings can be created/updated for a single user in one day.",
    };

    expect(getRateLimit(response)).toBeNull();
    expect(getRateLimit(response, error)).toMatchObject({ type: "daily", limit: 100 });
  });

  it("returns null for responses that are not rate limited", () => {
    expect(getRateLimit(new Response("{}", { status: 200 }))).toBeNull();
    expect(getRateLimit(new Response("{}", { status: 503 }))).toBeNull();
  });

  it("reports an untyped 429 with a short Retry-After as unknown", () => {
    const response = new Response(null, { status: 429, headers: { "Retry-After": "2" } });
    expect(getRateLimit(response)).toMatchObject({ type: "unknown", retryAfterMs: 2000 });
  });
});
