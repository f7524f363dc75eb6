/**
 * One attempt of a request: the caller's request sent with the bearer token of this attempt and a
 * timeout of its own (how it is sent: `attempt-request.ts`). Classifies how it ended; deciding what to
 * do next is the pipeline's job.
 */
import type { AccessToken } from "../tokens/types.js";
import { type PipelineFetch, sendAttempt } from "./attempt-request.js";
import type { CallObserver } from "./call-observer.js";
import { PipelineRequest, type ResendableBody } from "./pipeline-request.js";
import { RETRY_HEADER } from "./retry-policy.js";
/** A request on its way through the pipeline, with the counters its retry budgets use. */
export interface Call {
  readonly request: Request;
  readonly method: string;
  /**
   * URL path only, with e-mail segments masked (`/users/{email}/meetings`): the query string and a
   * host's address are personal data, and never go into errors, hooks or metric labels.
   */
  readonly path: string;
  /** The caller's signal. */
  readonly signal: AbortSignal;
  /** False when the request was built without a signal: nothing can abort it, so nothing listens. */
  readonly abortable: boolean;
  /** Attempts started so far. */
  attempt: number;
  /** Retries spent on unknown outcomes (5xx, network, timeout). */
  failures: number;
  /** Retries spent on rate limits, and the time waited for them. */
  rateLimitRetries: number;
  rateLimitWaitedMs: number;
  /** 401s received so far. */
  unauthorized: number;
  /** Missing-scope (4711) refusals received so far. */
  scopeRetries: number;
  /** Who observes this request (hooks, tracing, metrics), if anyone. */
  observer: CallObserver | undefined;
  /** The caller's `x-zoomkit-retry` header, read before any attempt leaves without it. */
  readonly retryHeader: string | null;
  /** The body a retry sends again, when the request has one that can be sent twice. */
  readonly resendBody: ResendableBody | undefined;
  /** Attempts hand the caller's request itself to the platform's fetch (`attempt-request.ts`). */
  readonly inPlace: boolean;
  /** The attempts' abort controller: one per call, replaced only after a timeout aborted it. */
  controller: AbortController | undefined;
}

/** How an attempt ended: with a response (any status), a network failure, or its timeout. */
export type AttemptOutcome =
  | { kind: "response"; response: Response }
  | { kind: "network" | "timeout"; error: unknown };

/**
 * Starts tracking a request. `platformFetch`: the pipeline sends with the platform's own fetch, which
 * honours the signal and body given beside the request (any other fetch gets a copy per attempt).
 */
export function startCall(request: Request, platformFetch = false): Call {
  return new TrackedCall(request, platformFetch);
}

/** A class rather than a literal with a getter: one shape for every call, cheap to create. */
class TrackedCall implements Call {
  readonly request: Request;
  readonly method: string;
  readonly signal: AbortSignal;
  readonly abortable: boolean;
  attempt = 0;
  failures = 0;
  rateLimitRetries = 0;
  rateLimitWaitedMs = 0;
  unauthorized = 0;
  scopeRetries = 0;
  observer: CallObserver | undefined = undefined;
  readonly retryHeader: string | null;
  readonly resendBody: ResendableBody | undefined;
  readonly inPlace: boolean;
  controller: AbortController | undefined = undefined;
  private maskedPath: string | undefined = undefined;

  constructor(request: Request, platformFetch: boolean) {
    const ours = request instanceof PipelineRequest;
    this.request = request;
    this.method = request.method.toUpperCase();
    this.signal = request.signal;
    this.abortable = !ours || request.abortable;
    this.retryHeader = request.headers.get(RETRY_HEADER);
    this.resendBody = ours ? request.resendBody : undefined;
    this.inPlace = platformFetch && (this.resendBody !== undefined || request.body === null);
  }

  // Parsed on first use: only hooks and errors need it, and most calls never reach either.
  get path(): string {
    this.maskedPath ??= maskEmails(new URL(this.request.url).pathname);
    return this.maskedPath;
  }
}

/**
 * Runs one attempt. Rejects with the caller's abort reason when the caller aborts; otherwise resolves,
 * also for network failures and timeouts.
 *
 * Hot path: one timer and (when the caller gave a signal) one caller-abort listener per attempt, one
 * AbortController per call (kept across attempts until a timeout aborts it). The attempt's signal follows the caller's signal through
 * that listener rather than `AbortSignal.any`, and the listener also settles the attempt, so a fetch
 * that ignores its signal still cannot outlive the timeout or the caller's abort.
 */
export function runAttempt(
  call: Call,
  token: AccessToken,
  fetch: PipelineFetch,
  timeoutMs: number,
): Promise<AttemptOutcome> {
  const caller = call.signal;
  if (caller.aborted) return Promise.reject(caller.reason);
  const controller = attemptController(call);
  const { abortable } = call;
  return new Promise<AttemptOutcome>((resolve, reject) => {
    let timedOut = false;
    const done = (): void => {
      clearTimeout(timer);
      if (abortable) caller.removeEventListener("abort", onAbort);
    };
    const onAbort = (): void => {
      done();
      controller.abort(caller.reason);
      reject(caller.reason);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      const error = new DOMException(`timed out after ${timeoutMs} ms`, "TimeoutError");
      done();
      controller.abort(error);
      resolve({ kind: "timeout", error });
    }, timeoutMs);
    if (abortable) caller.addEventListener("abort", onAbort, { once: true });
    const failed = (error: unknown): void => {
      done();
      if (caller.aborted) reject(caller.reason);
      else resolve({ kind: timedOut ? "timeout" : "network", error });
    };
    try {
      sendAttempt(call, token, controller.signal, fetch).then((response) => {
        done();
        resolve({ kind: "response", response });
      }, failed);
    } catch (error) {
      failed(error);
    }
  });
}

/** The controller of the call's next attempt: the call's one, or a new one when a timeout aborted it. */
function attemptController(call: Call): AbortController {
  const current = call.controller;
  if (current !== undefined && !current.signal.aborted) return current;
  call.controller = new AbortController();
  return call.controller;
}

/** Replaces every path segment that holds an e-mail address (raw or percent-encoded) with `{email}`. */
export function maskEmails(path: string): string {
  return path.replace(/[^/]*(?:@|%40)[^/]*/gi, "{email}");
}
