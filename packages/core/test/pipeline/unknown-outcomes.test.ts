import { describe, expect, it } from "vitest";
import { createZoomClient } from "../../src/client.js";
import { ZoomRequestError } from "../../src/errors.js";
import { createPipelineFetch } from "../../src/pipeline/fetch-pipeline.js";
import { RETRY_HEADER } from "../../src/pipeline/retry-policy.js";
import {
  BASE_URL,
  clientUnder,
  meetingBody,
  recordingSleep,
  scriptedZoom,
  stubTokens,
  tokenValue,
  zoomError,
} from "./helpers.js";

const badGateway = () => new Response("<html>502 Bad Gateway</html>", { status: 502 });
const ok = () => Response.json({ id: 1 });
const connectionReset = () =>
  new TypeError("fetch failed", {
    cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
  });

/** Sends one request of `method` straight through the pipeline (methods the typed paths lack). */
async function sendThrough(
  zoom: ReturnType<typeof scriptedZoom>,
  method: string,
  retry?: { unsafeMethods: boolean },
) {
  const { sleep, delays } = recordingSleep();
  const fetch = createPipelineFetch({
    fetch: zoom.fetch,
    tokens: stubTokens().provider,
    sleep,
    random: () => 0.5,
    ...(retry ? { retry } : {}),
  });
  const body =
    method === "GET" || method === "HEAD" || method === "OPTIONS" ? null : JSON.stringify(meetingBody);
  const response = await fetch(new Request(`${BASE_URL}/meetings/1`, { method, body }));
  return { response, delays };
}

describe("5xx: retried for idempotent methods only", () => {
  it("does not retry a POST after a 502 and returns the 502 as a value", async () => {
    const zoom = scriptedZoom(badGateway(), Response.json({ id: 2 }, { status: 201 }));
    const { sleep, delays } = recordingSleep();
    const client = clientUnder(zoom, { sleep });

    const { error, response } = await client.POST("/users/{userId}/meetings", {
      params: { path: { userId: "host@example.com" } },
      body: meetingBody,
    });

    expect(response.status).toBe(502);
    expect(error).toBe("<html>502 Bad Gateway</html>");
    expect(zoom.sent).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it("retries a DELETE after a 502 with backoff", async () => {
    const zoom = scriptedZoom(badGateway(), new Response(null, { status: 204 }));
    const { sleep, delays } = recordingSleep();
    const client = clientUnder(zoom, { sleep });

    const { response } = await client.DELETE("/meetings/{meetingId}", { params: { path: { meetingId: 1 } } });

    expect(response.status).toBe(204);
    expect(zoom.sent.map((s) => s.method)).toEqual(["DELETE", "DELETE"]);
    expect(delays).toEqual([250]);
  });

  it.each(["GET", "PUT", "DELETE", "HEAD", "OPTIONS"])("retries %s after a 503", async (method) => {
    const zoom = scriptedZoom(new Response(null, { status: 503 }), new Response(null, { status: 200 }));
    const { response } = await sendThrough(zoom, method);
    expect(response.status).toBe(200);
    expect(zoom.sent).toHaveLength(2);
  });

  it.each(["POST", "PATCH"])("does not retry %s after a 503", async (method) => {
    const zoom = scriptedZoom(new Response(null, { status: 503 }), new Response(null, { status: 200 }));
    const { response } = await sendThrough(zoom, method);
    expect(response.status).toBe(503);
    expect(zoom.sent).toHaveLength(1);
  });

  it("returns the last 5xx after the retry budget, with doubling backoff ceilings", async () => {
    const zoom = scriptedZoom(() => zoomError(500, 500, "Internal error"));
    const { sleep, delays } = recordingSleep();
    const client = clientUnder(zoom, { sleep });

    const { error, response } = await client.GET("/meetings/{meetingId}", {
      params: { path: { meetingId: 1 } },
    });

    expect(response.status).toBe(500);
    expect(error).toEqual({ code: 500, message: "Internal error" });
    expect(zoom.sent).toHaveLength(3);
    expect(delays).toEqual([250, 500]);
  });

  it("does not retry a 4xx other than 401 and 429", async () => {
    const zoom = scriptedZoom(zoomError(404, 3001, "Meeting does not exist: 1."), ok());
    const client = clientUnder(zoom);
    const { response } = await client.GET("/meetings/{meetingId}", { params: { path: { meetingId: 1 } } });
    expect(response.status).toBe(404);
    expect(zoom.sent).toHaveLength(1);
  });
});

describe("POST and PATCH after an unknown outcome: only when the caller opts in", () => {
  it("retries a POST after a 502 when the client sets retry.unsafeMethods", async () => {
    const zoom = scriptedZoom(badGateway(), Response.json({ id: 3 }, { status: 201 }));
    const client = createZoomClient({
      accountId: "a",
      clientId: "c",
      clientSecret: "s",
      baseUrl: BASE_URL,
      fetch: zoom.fetch as typeof fetch,
      tokens: stubTokens().provider,
      retry: { unsafeMethods: true, baseDelayMs: 0 },
    });

    const { data } = await client.POST("/users/{userId}/meetings", {
      params: { path: { userId: "host@example.com" } },
      body: meetingBody,
    });

    expect(data?.id).toBe(3);
    expect(zoom.sent.map((s) => JSON.parse(s.body))).toEqual([meetingBody, meetingBody]);
  });

  it("retries one POST after a 502 when that request carries the opt-in header, and strips the header", async () => {
    const zoom = scriptedZoom(badGateway(), Response.json({ id: 4 }, { status: 201 }));
    const client = clientUnder(zoom, { sleep: recordingSleep().sleep });

    const { data } = await client.POST("/users/{userId}/meetings", {
      params: { path: { userId: "host@example.com" } },
      body: meetingBody,
      headers: { [RETRY_HEADER]: "unsafe" },
    });

    expect(data?.id).toBe(4);
    expect(zoom.sent).toHaveLength(2);
    expect(zoom.sent.every((s) => !s.headers.has(RETRY_HEADER))).toBe(true);
  });

  it("retries a PATCH after a 503 when the client opts in", async () => {
    const zoom = scriptedZoom(new Response(null, { status: 503 }), new Response(null, { status: 204 }));
    const { response } = await sendThrough(zoom, "PATCH", { unsafeMethods: true });
    expect(response.status).toBe(204);
    expect(zoom.sent).toHaveLength(2);
  });
});

describe("network errors", () => {
  it("retries a GET after a network error", async () => {
    const zoom = scriptedZoom(connectionReset(), ok());
    const { sleep, delays } = recordingSleep();
    const client = clientUnder(zoom, { sleep });

    const { data } = await client.GET("/meetings/{meetingId}", { params: { path: { meetingId: 1 } } });

    expect(data).toEqual({ id: 1 });
    expect(zoom.sent).toHaveLength(2);
    expect(delays).toEqual([250]);
  });

  it("throws ZoomRequestError('network') with method and path, no query and no token, once retries run out", async () => {
    const zoom = scriptedZoom(connectionReset);
    const client = clientUnder(zoom, { sleep: recordingSleep().sleep });

    const failure = await client
      .DELETE("/meetings/{meetingId}", {
        params: { path: { meetingId: 1 }, query: { schedule_for_reminder: true } },
      })
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ZoomRequestError);
    const error = failure as ZoomRequestError;
    expect(error).toMatchObject({ code: "network", method: "DELETE", path: "/v2/meetings/1", attempts: 3 });
    expect(zoom.sent[0]?.url).toContain("schedule_for_reminder");
    expect(error.message).toContain("ECONNRESET");
    expect(error.message).not.toContain("schedule_for_reminder");
    expect(error.message).not.toContain(tokenValue(1));
  });

  it("does not retry a POST after a network error: the outcome is unknown", async () => {
    const zoom = scriptedZoom(connectionReset(), Response.json({ id: 5 }, { status: 201 }));
    const client = clientUnder(zoom, { sleep: recordingSleep().sleep });

    const failure = await client
      .POST("/users/{userId}/meetings", {
        params: { path: { userId: "host@example.com" } },
        body: meetingBody,
      })
      .catch((error: unknown) => error);

    expect(failure).toMatchObject({ name: "ZoomRequestError", code: "network", method: "POST", attempts: 1 });
    expect(zoom.sent).toHaveLength(1);
  });
});
