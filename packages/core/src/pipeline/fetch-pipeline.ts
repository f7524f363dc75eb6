/**
 * The request pipeline: the `fetch` openapi-fetch is given, so every rule applies beneath the typed
 * client (DESIGN.md, "Request pipeline: the rules"). Each attempt is a fresh clone of the request with
 * its own bearer token and timeout; what happens after an attempt is decided by the rules below.
 */

import { raceAbort } from "../abort.js";
import { ZoomRequestError } from "../errors.js";
import { emit, type ZoomHooks } from "../events.js";
import type { Pacer } from "../pacing/pacer.js";
import { observeCalls } from "../telemetry/call-telemetry.js";
import type { AccessToken, TokenProvider } from "../tokens/types.js";
import { type AttemptOutcome, type Call, runAttempt, startCall } from "./attempt.js";
import { backoffDelay, rateLimitDelay } from "./backoff.js";
import { classifyRateLimit, getRateLimit, rememberRateLimit } from "./rate-limit.js";
import {
  isServerError,
  mayRetryUnknownOutcome,
  type RateLimitOptions,
  type RetryOptions,
  resolveRetryPolicy,
} from "./retry-policy.js";
import { type Sleep, sleep } from "./sleep.js";
import { type Pipeline, retrying, type Step } from "./steps.js";
import { accepted, afterClientError, afterUnauthorized } from "./token-refusals.js";
import { parseZoomError } from "./zoom-error.js";

/** Options of `createPipelineFetch`. */
export interface PipelineOptions {
  /** The fetch that sends each attempt. */
  fetch: (request: Request) => Promise<Response>;
  /** Where bearer tokens come from, and who decides what a 401 means. */
  tokens: TokenProvider;
  /** Timeout of each attempt in ms. @default 30_000 */
  timeoutMs?: number;
  /** Retries after 5xx, network errors and timeouts. */
  retry?: RetryOptions;
  /** Waiting out QPS rate limits. */
  rateLimit?: RateLimitOptions;
  /** Callbacks for `retry`, `rateLimited` and `timeout`. */
  hooks?: ZoomHooks;
  /** Source of jitter, in [0, 1). For tests. @default Math.random */
  random?: () => number;
  /** How to wait between attempts. For tests. @default a `setTimeout` sleep */
  sleep?: Sleep;
  /** Clock for `Retry-After` dates. For tests. @default Date.now */
  now?: () => number;
  /** Paces attempts across the fleet (`createZoomClient`'s `pacing` option builds it). */
  pacer?: Pacer;
}

/**
 * Creates the pipeline `fetch` for an openapi-fetch client. `createZoomClient` uses it; use it directly
 * to put the same rules under a client generated from another description.
 *
 * @example
 * const client = createClient<paths>({
 *   baseUrl: "https://api.zoom.us/v2",
 *   fetch: createPipelineFetch({ fetch: globalThis.fetch, tokens }),
 * });
 */
export function createPipelineFetch(options: PipelineOptions): (request: Request) => Promise<Response> {
  const pipeline: Pipeline = {
    fetch: options.fetch,
    tokens: options.tokens,
    timeoutMs: options.timeoutMs ?? 30_000,
    policy: resolveRetryPolicy(options.retry, options.rateLimit),
    hooks: options.hooks,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? sleep,
    now: options.now ?? Date.now,
    observe: observeCalls(options.hooks),
    pacer: options.pacer,
  };
  // The platform's fetch takes the attempt's signal beside the request: no copy of it per attempt.
  const platformFetch = options.fetch === globalThis.fetch;
  return (request) => send(startCall(request, platformFetch), pipeline);
}

/** Runs a request, under its observer when something observes it. */
function send(call: Call, pipeline: Pipeline): Promise<Response> {
  const observer = pipeline.observe?.(call);
  if (observer === undefined) return run(call, pipeline);
  call.observer = observer;
  return observer
    .within(() => run(call, pipeline))
    .then(
      (response) => {
        observer.ended(call, response);
        return response;
      },
      (error: unknown) => {
        observer.failed(call, error);
        throw error;
      },
    );
}

async function run(call: Call, pipeline: Pipeline): Promise<Response> {
  let token = await (call.abortable ? abortableToken(call, pipeline) : pipeline.tokens.getToken());
  for (;;) {
    if (pipeline.pacer !== undefined) {
      const admitted = pipeline.pacer.admit(call);
      // Most paced calls find a permit on hand: no extra promise or tick for them.
      const refused =
        admitted === undefined ? undefined : await (call.observer ? call.observer.paced(admitted) : admitted);
      if (refused !== undefined) return pacedRefusal(call, refused, pipeline);
    }
    call.attempt += 1;
    const sent = token;
    const outcome = await (call.observer
      ? call.observer.attempt(call, () => runAttempt(call, sent, pipeline.fetch, pipeline.timeoutMs))
      : runAttempt(call, token, pipeline.fetch, pipeline.timeoutMs));
    if (pipeline.pacer !== undefined && outcome.kind === "response")
      pipeline.pacer.learn(call, outcome.response);
    let step =
      outcome.kind === "response"
        ? afterResponse(call, outcome.response, token, pipeline)
        : afterFailure(call, outcome, pipeline);
    // Most answers are decided without waiting: no extra promise or tick for them.
    if (step instanceof Promise) step = await step;
    if (step.kind === "return") return step.response;
    if (step.token) token = step.token;
    // Raced as well: an abort ends the call at once, even mid-wait and whatever the injected sleep does.
    if (step.delayMs > 0) {
      const waiting = raceAbort(pipeline.sleep(step.delayMs, call.signal), call.signal);
      await (call.observer ? call.observer.wait(step.delayMs, waiting) : waiting);
    }
  }
}

function abortableToken(call: Call, pipeline: Pipeline): Promise<AccessToken> {
  call.signal.throwIfAborted();
  return raceAbort(pipeline.tokens.getToken({ signal: call.signal }), call.signal);
}

function afterResponse(
  call: Call,
  response: Response,
  token: AccessToken,
  pipeline: Pipeline,
): Step | Promise<Step> {
  const { status } = response;
  if (status === 401) return afterUnauthorized(call, response, token, pipeline);
  // A 5xx may come from a gateway that never looked at the token: it proves nothing either way.
  if (isServerError(status)) return afterServerError(call, response, pipeline);
  if (status === 400 || status === 403) return afterClientError(call, response, token, pipeline);
  accepted(pipeline.tokens, token);
  if (status === 429 || status === 300) return afterRateLimit(call, response, pipeline);
  return { kind: "return", response };
}

/** 429 (and 300 with the daily-cap message): wait out QPS limits within the budget, return daily ones. */
async function afterRateLimit(call: Call, response: Response, pipeline: Pipeline): Promise<Step> {
  const { message } = await parseZoomError(response);
  const info = classifyRateLimit(response.status, response.headers, message, pipeline.now());
  if (!info) return { kind: "return", response };
  rememberRateLimit(response, info);
  const limits = pipeline.policy.rateLimit;
  const delayMs =
    info.type === "daily"
      ? undefined
      : rateLimitDelay(info.retryAfterMs, limits.defaultWaitMs, limits.jitterMs, pipeline.random);
  const willRetry =
    delayMs !== undefined &&
    call.rateLimitRetries < limits.maxRetries &&
    call.rateLimitWaitedMs + delayMs <= limits.maxWaitMs;
  emit(pipeline.hooks, "rateLimited", {
    method: call.method,
    path: call.path,
    status: response.status,
    type: info.type,
    ...(info.category === undefined ? {} : { category: info.category }),
    ...(info.resetAt === undefined ? {} : { retryAt: info.resetAt.getTime() }),
    willRetry,
  });
  if (!willRetry) return { kind: "return", response };
  call.rateLimitRetries += 1;
  call.rateLimitWaitedMs += delayMs;
  retrying(call, response, pipeline, "rate_limit", delayMs);
  return { kind: "retry", delayMs };
}

/** The pacer's 429 instead of an attempt: reported like Zoom's, never retried (it already waited its budget). */
function pacedRefusal(call: Call, response: Response, pipeline: Pipeline): Response {
  const info = getRateLimit(response);
  emit(pipeline.hooks, "rateLimited", {
    method: call.method,
    path: call.path,
    status: response.status,
    type: info?.type ?? "qps",
    ...(info?.category === undefined ? {} : { category: info.category }),
    ...(info?.resetAt === undefined ? {} : { retryAt: info.resetAt.getTime() }),
    willRetry: false,
    local: true,
  });
  return response;
}

/** 5xx: an unknown outcome; retried only when the request may be repeated and budget is left. */
function afterServerError(call: Call, response: Response, pipeline: Pipeline): Step {
  const delayMs = nextBackoff(call, pipeline);
  if (delayMs === undefined) return { kind: "return", response };
  retrying(call, response, pipeline, "status", delayMs);
  return { kind: "retry", delayMs };
}

/** Network error or timeout: retried like a 5xx; when not, the call throws (there is no response). */
function afterFailure(
  call: Call,
  outcome: Extract<AttemptOutcome, { kind: "network" | "timeout" }>,
  pipeline: Pipeline,
): Step {
  const { method, path } = call;
  if (outcome.kind === "timeout") {
    emit(pipeline.hooks, "timeout", { method, path, attempt: call.attempt, timeoutMs: pipeline.timeoutMs });
  }
  const delayMs = nextBackoff(call, pipeline);
  if (delayMs !== undefined) {
    call.observer?.retrying(outcome.kind, delayMs);
    emit(pipeline.hooks, "retry", { method, path, attempt: call.attempt, reason: outcome.kind, delayMs });
    return { kind: "retry", delayMs };
  }
  throw new ZoomRequestError(
    outcome.kind,
    failureMessage(call, outcome, pipeline),
    {
      method,
      path,
      attempts: call.attempt,
    },
    { cause: outcome.error },
  );
}

/** The backoff before the next retry of an unknown outcome, or `undefined` when none is allowed. */
function nextBackoff(call: Call, pipeline: Pipeline): number | undefined {
  const { retry } = pipeline.policy;
  if (!mayRetryUnknownOutcome(call.method, call.retryHeader, pipeline.policy)) return undefined;
  if (call.failures >= retry.maxRetries) return undefined;
  call.failures += 1;
  return backoffDelay(call.failures, retry.baseDelayMs, retry.maxDelayMs, pipeline.random);
}

function failureMessage(
  call: Call,
  outcome: Extract<AttemptOutcome, { kind: "network" | "timeout" }>,
  pipeline: Pipeline,
): string {
  const what =
    outcome.kind === "timeout"
      ? `timed out after ${pipeline.timeoutMs} ms`
      : `failed before Zoom answered (${describeCause(outcome.error)})`;
  const attempts = call.attempt === 1 ? "1 attempt" : `${call.attempt} attempts`;
  const why = mayRetryUnknownOutcome(call.method, call.retryHeader, pipeline.policy)
    ? "retries exhausted"
    : `not retried: a ${call.method} may already have taken effect; opt in with retry.unsafeMethods or the x-zoomkit-retry: unsafe header if repeating it is safe`;
  return `${call.method} ${call.path} ${what} after ${attempts} (${why}).`;
}

/**
 * Names a network failure by its code (ECONNRESET...) rather than its message, which an injected or
 * wrapped fetch may have filled with the URL or headers.
 */
function describeCause(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: unknown } | null)?.code;
  if (typeof code === "string" && /^[A-Z0-9_]+$/.test(code)) return code;
  return error instanceof Error ? error.name : "unknown error";
}
