/**
 * One attempt of a request: a fresh copy of the caller's request (a body is cloned, so it can be sent again), the
 * bearer token of this attempt, and a timeout of its own. Classifies how it ended; deciding what to do
 * next is the pipeline's job.
 */
import type { AccessToken } from "../tokens/types.js";
import type { CallObserver } from "./call-observer.js";
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
}

/** How an attempt ended: with a response (any status), a network failure, or its timeout. */
export type AttemptOutcome =
  | { kind: "response"; response: Response }
  | { kind: "network" | "timeout"; error: unknown };

/** Starts tracking a request. */
export function startCall(request: Request): Call {
  let path: string | undefined;
  return {
    request,
    method: request.method.toUpperCase(),
    // Parsed on first use: only hooks and errors need it, and most calls never reach either.
    get path() {
      path ??= maskEmails(new URL(request.url).pathname);
      return path;
    },
    signal: request.signal,
    attempt: 0,
    failures: 0,
    rateLimitRetries: 0,
    rateLimitWaitedMs: 0,
    unauthorized: 0,
    scopeRetries: 0,
    observer: undefined,
  };
}

/**
 * Runs one attempt. Rejects with the caller's abort reason when the caller aborts; otherwise resolves,
 * also for network failures and timeouts.
 *
 * Hot path: one AbortController, one timer and one caller-abort listener per attempt, and the caller's
 * request is copied once (cloned first only when it has a body, so a body can be sent again). The
 * attempt's signal follows the caller's signal through that listener rather than `AbortSignal.any`, and
 * the listener also settles the attempt, so a fetch that ignores its signal still cannot outlive the
 * timeout or the caller's abort.
 */
export function runAttempt(
  call: Call,
  token: AccessToken,
  fetch: (request: Request) => Promise<Response>,
  timeoutMs: number,
): Promise<AttemptOutcome> {
  const caller = call.signal;
  if (caller.aborted) return Promise.reject(caller.reason);
  return new Promise<AttemptOutcome>((resolve, reject) => {
    const controller = new AbortController();
    let timedOut = false;
    const done = (): void => {
      clearTimeout(timer);
      caller.removeEventListener("abort", onAbort);
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
    caller.addEventListener("abort", onAbort, { once: true });
    const failed = (error: unknown): void => {
      done();
      if (caller.aborted) reject(caller.reason);
      else resolve({ kind: timedOut ? "timeout" : "network", error });
    };
    try {
      fetch(attemptRequest(call.request, token, controller.signal)).then((response) => {
        done();
        resolve({ kind: "response", response });
      }, failed);
    } catch (error) {
      failed(error);
    }
  });
}

/** This attempt's copy of the caller's request: its own signal, this token, no zoomkit header. */
function attemptRequest(request: Request, token: AccessToken, signal: AbortSignal): Request {
  // Without a body a copy shares nothing that a send could use up, so no clone is needed first.
  const attempt = new Request(request.body === null ? request : request.clone(), { signal });
  attempt.headers.set("authorization", `Bearer ${token.value}`);
  attempt.headers.delete(RETRY_HEADER);
  return attempt;
}

/** Replaces every path segment that holds an e-mail address (raw or percent-encoded) with `{email}`. */
export function maskEmails(path: string): string {
  return path.replace(/[^/]*(?:@|%40)[^/]*/gi, "{email}");
}
