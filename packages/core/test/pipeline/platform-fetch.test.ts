/**
 * With the platform's fetch, attempts send the caller's request itself, the attempt's signal beside it
 * (`attempt-request.ts`): these tests send over real HTTP to prove each attempt still carries its own
 * token, body, timeout and abort, and that the caller's request and signal are left as they were.
 */
import { getEventListeners } from "node:events";
import createClient, { type Middleware } from "openapi-fetch";
import { afterEach, describe, expect, it } from "vitest";
import { createZoomClient } from "../../src/client.js";
import type { paths } from "../../src/generated/zoom-api.js";
import { createPipelineFetch, type PipelineOptions } from "../../src/pipeline/fetch-pipeline.js";
import { PipelineRequest } from "../../src/pipeline/pipeline-request.js";
import { RETRY_HEADER } from "../../src/pipeline/retry-policy.js";
import { meetingBody, stubTokens, tokenValue } from "./helpers.js";
import { type HttpReply, httpZoom } from "./http-zoom.js";

let servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function zoomOver(replies: HttpReply[], options: Partial<PipelineOptions> = {}) {
  const zoom = await httpZoom(...replies);
  servers.push(zoom);
  const fetch = createPipelineFetch({
    random: () => 0.5,
    tokens: stubTokens().provider,
    ...options,
    fetch: globalThis.fetch,
  });
  // As createZoomClient builds its clients.
  const client = createClient<paths>({ baseUrl: zoom.baseUrl, fetch, Request: PipelineRequest });
  return { zoom, client, fetch };
}

/** Starts a GET the caller can abort, and waits until the server has received it. */
async function getOnceReceived(
  client: Awaited<ReturnType<typeof zoomOver>>["client"],
  zoom: { received: unknown[] },
) {
  const controller = new AbortController();
  const reason = new Error("caller gave up");
  const pending = client.GET("/meetings/{meetingId}", {
    params: { path: { meetingId: 1 } },
    signal: controller.signal,
  });
  while (zoom.received.length === 0) await new Promise((r) => setTimeout(r, 5));
  return { pending, controller, reason };
}

const created = { status: 201, json: { id: 7 } };
const create = { params: { path: { userId: "host@example.com" } }, body: meetingBody };

describe("each attempt over the platform's fetch", () => {
  it("carries its own token and the body again when retried after a 401", async () => {
    const { zoom, client } = await zoomOver([
      { status: 401, json: { code: 124, message: "Invalid access token." } },
      created,
    ]);

    const { data } = await client.POST("/users/{userId}/meetings", create);

    expect(data).toEqual({ id: 7 });
    expect(zoom.received.map((r) => r.authorization)).toEqual([
      `Bearer ${tokenValue(1)}`,
      `Bearer ${tokenValue(2)}`,
    ]);
    expect(zoom.received.map((r) => JSON.parse(r.body))).toEqual([meetingBody, meetingBody]);
  });

  it("sends the body again after a rate limit, through createZoomClient", async () => {
    const zoom = await httpZoom(
      {
        status: 429,
        json: { code: 429, message: "Too many requests." },
        headers: { "retry-after": "0", "x-ratelimit-type": "QPS" },
      },
      created,
    );
    servers.push(zoom);
    const client = createZoomClient({
      accountId: "a",
      clientId: "c",
      clientSecret: "s",
      baseUrl: zoom.baseUrl,
      tokens: stubTokens().provider,
      rateLimit: { jitterMs: 0 },
    });

    const { data } = await client.POST("/users/{userId}/meetings", create);

    expect(data).toEqual({ id: 7 });
    expect(zoom.received.map((r) => r.body)).toEqual([
      JSON.stringify(meetingBody),
      JSON.stringify(meetingBody),
    ]);
  });

  it("leaves the caller's request without the token, and honours x-zoomkit-retry without sending it", async () => {
    const seen: (string | null)[][] = [];
    const { zoom, client } = await zoomOver([{ status: 503 }, created], { sleep: async () => {} });
    const inspect: Middleware = {
      onResponse({ request }) {
        seen.push([request.headers.get("authorization"), request.headers.get(RETRY_HEADER)]);
      },
    };
    client.use(inspect);

    const { data } = await client.POST("/users/{userId}/meetings", {
      ...create,
      headers: { [RETRY_HEADER]: "unsafe" },
    });

    expect(data).toEqual({ id: 7 });
    expect(zoom.received).toHaveLength(2); // a POST retried after a 503: the header was read
    expect(zoom.received.map((r) => r.retryHeader)).toEqual([undefined, undefined]);
    expect(seen).toEqual([[null, "unsafe"]]);
  });

  it("gives a retry its own full timeout after the previous attempt timed out", async () => {
    const timeoutMs = 1_000;
    // The first attempt never answers; the second answers well within a timeout of its own, but long
    // after one that counted from the first attempt, or that reused its aborted signal, would end.
    const { zoom, client } = await zoomOver(["hang", { status: 200, json: { id: 1 }, delayMs: 400 }], {
      timeoutMs,
      sleep: async () => {},
    });

    const { data } = await client.GET("/meetings/{meetingId}", { params: { path: { meetingId: 1 } } });

    expect(data).toEqual({ id: 1 });
    await zoom.settled(2);
    expect(zoom.received.map((r) => r.abandoned)).toEqual([true, false]);
  });
});

describe("the caller's signal over the platform's fetch", () => {
  it("aborts the attempt in flight: the request is cut off on the wire", async () => {
    const { zoom, client } = await zoomOver(["hang"]);
    const { pending, controller, reason } = await getOnceReceived(client, zoom);
    controller.abort(reason);

    await expect(pending).rejects.toBe(reason);
    await zoom.settled(1);
    expect(zoom.received[0]?.abandoned).toBe(true);
  });

  it("ends a retry wait at once", async () => {
    const limited = {
      status: 429,
      json: { code: 429, message: "Too many requests." },
      headers: { "retry-after": "60", "x-ratelimit-type": "QPS" },
    };
    const controller = new AbortController();
    const reason = new Error("caller gave up");
    const { zoom, client } = await zoomOver([limited, { status: 200, json: { id: 1 } }], {
      rateLimit: { maxWaitMs: 120_000 },
      // The 429 is in and the call is about to wait 60 s: the caller gives up during that wait.
      hooks: { rateLimited: () => setTimeout(() => controller.abort(reason), 20) },
    });

    const pending = client.GET("/meetings/{meetingId}", {
      params: { path: { meetingId: 1 } },
      signal: controller.signal,
    });

    await expect(pending).rejects.toBe(reason);
    expect(zoom.received).toHaveLength(1);
  });

  it("keeps no listener on the request's signal once calls end, however many", async () => {
    const { zoom, fetch } = await zoomOver([{ status: 200, json: { id: 1 } }]);
    const controller = new AbortController();
    // One request sent 50 times: whatever a call adds to its signal must be gone when it ends.
    const request = new Request(`${zoom.baseUrl}/meetings/1`, { signal: controller.signal });
    const before = getEventListeners(request.signal, "abort").length;

    for (let i = 0; i < 50; i++) {
      const response = await fetch(request);
      await response.text();
    }

    expect(zoom.received).toHaveLength(50);
    expect(getEventListeners(request.signal, "abort").length).toBe(before);
  });
});
