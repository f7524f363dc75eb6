import { describe, expect, it } from "vitest";
import { ZoomRequestError } from "../../src/errors.js";
import {
  clientUnder,
  meetingBody,
  recordingHooks,
  recordingSleep,
  scriptedZoom,
  zoomError,
} from "./helpers.js";

const ok = () => Response.json({ id: 1 });
/** Short for speed, long enough that an instant scripted reply never trips it on a loaded CI machine. */
const TIMEOUT_MS = 100;

describe("every attempt has a timeout", () => {
  it("throws ZoomRequestError('timeout') for a POST that times out, without retrying", async () => {
    const zoom = scriptedZoom("hang", Response.json({ id: 2 }, { status: 201 }));
    const { hooks, events } = recordingHooks();
    const client = clientUnder(zoom, { timeoutMs: TIMEOUT_MS, sleep: recordingSleep().sleep, hooks });

    const failure = await client
      .POST("/users/{userId}/meetings", {
        params: { path: { userId: "host@example.com" } },
        body: meetingBody,
      })
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ZoomRequestError);
    expect(failure).toMatchObject({ code: "timeout", method: "POST", attempts: 1 });
    expect(zoom.sent).toHaveLength(1);
    expect(events.map((e) => e.name)).toEqual(["timeout"]);
  });

  it("retries a GET after a timeout", async () => {
    const zoom = scriptedZoom("hang", ok());
    const { sleep, delays } = recordingSleep();
    const client = clientUnder(zoom, { timeoutMs: TIMEOUT_MS, sleep });

    const { data } = await client.GET("/meetings/{meetingId}", { params: { path: { meetingId: 1 } } });

    expect(data).toEqual({ id: 1 });
    expect(zoom.sent).toHaveLength(2);
    expect(delays).toEqual([250]);
  });

  it("ends an attempt at its timeout even when the fetch ignores its signal", async () => {
    const never = new Promise<Response>(() => {});
    const client = clientUnder({ fetch: () => never }, { timeoutMs: TIMEOUT_MS, retry: { maxRetries: 0 } });

    await expect(
      client.GET("/meetings/{meetingId}", { params: { path: { meetingId: 1 } } }),
    ).rejects.toMatchObject({ code: "timeout", attempts: 1 });
  });
});

describe("the caller's AbortSignal", () => {
  it("ends the call at once during a backoff wait, with the caller's reason", async () => {
    const zoom = scriptedZoom(new Response(null, { status: 503 }), ok());
    const controller = new AbortController();
    const reason = new Error("caller gave up");
    let waits = 0;
    // A sleep that never ends and ignores the signal: only the pipeline itself can end the call.
    const sleep = () => {
      waits += 1;
      queueMicrotask(() => controller.abort(reason));
      return new Promise<void>(() => {});
    };
    const client = clientUnder(zoom, { sleep });

    await expect(
      client.GET("/meetings/{meetingId}", { params: { path: { meetingId: 1 } }, signal: controller.signal }),
    ).rejects.toBe(reason);
    expect(waits).toBe(1);
    expect(zoom.sent).toHaveLength(1);
  });

  it("ends the call at once during a rate-limit wait", async () => {
    const zoom = scriptedZoom(
      zoomError(429, 429, "slow down", { "X-RateLimit-Type": "QPS", "Retry-After": "5" }),
      ok(),
    );
    const controller = new AbortController();
    const sleep = () => {
      queueMicrotask(() => controller.abort());
      return new Promise<void>(() => {});
    };
    const client = clientUnder(zoom, { sleep });

    const failure = await client
      .GET("/meetings/{meetingId}", { params: { path: { meetingId: 1 } }, signal: controller.signal })
      .catch((error: unknown) => error);

    expect(failure).toBe(controller.signal.reason);
    expect(failure).toMatchObject({ name: "AbortError" });
    expect(zoom.sent).toHaveLength(1);
  });

  it("ends an attempt in flight with the caller's reason, not a ZoomRequestError", async () => {
    const zoom = scriptedZoom("hang", ok());
    const controller = new AbortController();
    const reason = new Error("shutting down");
    const client = clientUnder(zoom, { timeoutMs: 60_000 });

    const pending = client.GET("/meetings/{meetingId}", {
      params: { path: { meetingId: 1 } },
      signal: controller.signal,
    });
    await Promise.resolve();
    setTimeout(() => controller.abort(reason), 1);

    await expect(pending).rejects.toBe(reason);
    expect(zoom.sent).toHaveLength(1);
  });

  it("ends a POST in flight with the caller's reason, not a ZoomRequestError", async () => {
    const zoom = scriptedZoom("hang");
    const controller = new AbortController();
    const reason = new Error("request cancelled");
    const client = clientUnder(zoom, { timeoutMs: 60_000 });

    const pending = client.POST("/users/{userId}/meetings", {
      params: { path: { userId: "host@example.com" } },
      body: meetingBody,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(reason), 1);

    await expect(pending).rejects.toBe(reason);
    expect(zoom.sent).toHaveLength(1);
  });

  it("sends nothing when the signal is already aborted", async () => {
    const zoom = scriptedZoom(ok());
    const reason = new Error("too late");
    const client = clientUnder(zoom);

    await expect(
      client.GET("/meetings/{meetingId}", {
        params: { path: { meetingId: 1 } },
        signal: AbortSignal.abort(reason),
      }),
    ).rejects.toBe(reason);
    expect(zoom.sent).toHaveLength(0);
  });
});
