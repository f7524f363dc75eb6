/**
 * Test doubles for the boundaries the pipeline does not own: Zoom's HTTP API (an injected fetch that
 * plays a script) and the token provider (a tiny in-test `TokenProvider`). No globals are patched.
 */
import createClient from "openapi-fetch";
import type { ZoomEventMap, ZoomHooks } from "../../src/events.js";
import type { paths } from "../../src/generated/zoom-api.js";
import { createPipelineFetch, type PipelineOptions } from "../../src/pipeline/fetch-pipeline.js";
import type { AccessToken, RejectionDetail, TokenProvider } from "../../src/tokens/types.js";

export const BASE_URL = "https://api.zoom.test/v2";

/** What one attempt sent. */
export interface SentRequest {
  method: string;
  url: string;
  authorization: string | null;
  headers: Headers;
  body: string;
}

/** One scripted reply: a response, a thrown network error, or a hang until the attempt is aborted. */
export type Reply = Response | Error | "hang";

/** An injected fetch that answers each attempt with the next reply (the last one repeats). */
export function scriptedZoom(...replies: (Reply | (() => Reply))[]) {
  const sent: SentRequest[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    sent.push({
      method: request.method,
      url: request.url,
      authorization: request.headers.get("authorization"),
      headers: request.headers,
      body: await request.text(),
    });
    const next = replies[Math.min(sent.length, replies.length) - 1];
    const reply = typeof next === "function" ? next() : next;
    if (reply === undefined) throw new Error("script is empty");
    if (reply === "hang") {
      return new Promise<Response>((_, reject) => {
        request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true });
      });
    }
    if (reply instanceof Error) throw reply;
    return reply;
  };
  return { fetch, sent };
}

/** Token values are distinctive so tests can prove they never leak into hooks or errors. */
export function tokenValue(n: number): string {
  return `secret-bearer-value-${n}`;
}

function makeToken(n: number): AccessToken {
  return {
    value: tokenValue(n),
    fingerprint: `fp${n}`,
    expiresAt: Date.now() + 3_600_000,
    mintedAt: Date.now(),
    generation: n,
    scopes: [],
  };
}

/** A provider that hands out token 1, and on a 401 answers with `onUnauthorized` (default: the next token once). */
export function stubTokens(
  onUnauthorized?: (token: AccessToken, detail: RejectionDetail, attempt: number) => AccessToken | undefined,
) {
  const calls: { token: AccessToken; detail: RejectionDetail; attempt: number }[] = [];
  let minted = 1;
  const provider: TokenProvider = {
    async getToken() {
      return makeToken(1);
    },
    async unauthorized(token, detail, { attempt }) {
      calls.push({ token, detail, attempt });
      if (onUnauthorized) return onUnauthorized(token, detail, attempt);
      if (attempt > 1) return undefined;
      minted += 1;
      return makeToken(minted);
    },
  };
  return { provider, calls, makeToken };
}

/** A sleep that records each requested delay and returns at once. */
export function recordingSleep() {
  const delays: number[] = [];
  const sleep = async (ms: number) => {
    delays.push(ms);
  };
  return { sleep, delays };
}

export type RecordedEvent = {
  [K in keyof ZoomEventMap]: { name: K; event: ZoomEventMap[K] };
}[keyof ZoomEventMap];

/** Hooks that record every pipeline event in order. */
export function recordingHooks() {
  const events: RecordedEvent[] = [];
  const hooks: ZoomHooks = {
    retry: (event) => events.push({ name: "retry", event }),
    rateLimited: (event) => events.push({ name: "rateLimited", event }),
    timeout: (event) => events.push({ name: "timeout", event }),
  };
  return { hooks, events };
}

/**
 * A typed openapi-fetch client over the pipeline, exactly as `createZoomClient` builds it, with the
 * clock, jitter and sleep injected. Jitter defaults to 0.5 so every expected delay is exact.
 */
export function clientUnder(
  zoom: { fetch: (request: Request) => Promise<Response> },
  options: Partial<PipelineOptions> = {},
) {
  const tokens = options.tokens ?? stubTokens().provider;
  const fetch = createPipelineFetch({ random: () => 0.5, ...options, fetch: zoom.fetch, tokens });
  return createClient<paths>({ baseUrl: BASE_URL, fetch });
}

/** A Zoom-style JSON error response. */
export function zoomError(status: number, code: number, message: string, headers?: Record<string, string>) {
  return Response.json({ code, message }, { status, ...(headers ? { headers } : {}) });
}

export const meetingBody = { topic: "Standup", type: 2 } as const;
