import { describe, expect, it } from "vitest";
import {
  clientUnder,
  recordingHooks,
  recordingSleep,
  scriptedZoom,
  stubTokens,
  tokenValue,
  zoomError,
} from "./helpers.js";

const NOW = Date.UTC(2026, 2, 10, 12, 0, 0);

describe("hooks", () => {
  it("fire retry, rateLimited and timeout with the documented payloads, never carrying a token", async () => {
    const zoom = scriptedZoom(
      zoomError(401, 124, "Invalid access token."),
      zoomError(429, 429, "slow down", {
        "X-RateLimit-Type": "QPS",
        "X-RateLimit-Category": "Light",
        "Retry-After": "1",
      }),
      new Response(null, { status: 502 }),
      "hang",
      Response.json({ id: 1 }),
    );
    const { hooks, events } = recordingHooks();
    const client = clientUnder(zoom, {
      hooks,
      sleep: recordingSleep().sleep,
      now: () => NOW,
      timeoutMs: 100,
      retry: { maxRetries: 3 },
      tokens: stubTokens().provider,
    });

    const { response } = await client.GET("/meetings/{meetingId}", { params: { path: { meetingId: 9 } } });

    expect(response.status).toBe(200);
    const where = { method: "GET", path: "/v2/meetings/9" };
    expect(events).toEqual([
      { name: "retry", event: { ...where, attempt: 1, reason: "unauthorized", status: 401, delayMs: 0 } },
      {
        name: "rateLimited",
        event: {
          ...where,
          status: 429,
          type: "qps",
          category: "Light",
          retryAt: NOW + 1000,
          willRetry: true,
        },
      },
      { name: "retry", event: { ...where, attempt: 2, reason: "rate_limit", status: 429, delayMs: 1500 } },
      { name: "retry", event: { ...where, attempt: 3, reason: "status", status: 502, delayMs: 250 } },
      { name: "timeout", event: { ...where, attempt: 4, timeoutMs: 100 } },
      { name: "retry", event: { ...where, attempt: 4, reason: "timeout", delayMs: 500 } },
    ]);
    const serialised = JSON.stringify(events);
    expect(serialised).not.toContain(tokenValue(1));
    expect(serialised).not.toContain(tokenValue(2));
  });

  it("a throwing hook never breaks the request", async () => {
    const zoom = scriptedZoom(new Response(null, { status: 503 }), Response.json({ id: 1 }));
    const client = clientUnder(zoom, {
      sleep: recordingSleep().sleep,
      hooks: {
        retry: () => {
          throw new Error("broken logger");
        },
      },
    });

    const { data } = await client.GET("/meetings/{meetingId}", { params: { path: { meetingId: 1 } } });

    expect(data).toEqual({ id: 1 });
  });
});
