/**
 * One attempt of a request: a fresh clone of the caller's request (so a body can be sent again), the
 * bearer token of this attempt, and a timeout of its own. Classifies how it ended; deciding what to do
 * next is the pipeline's job.
 */
import type { AccessToken } from "../tokens/types.js";
import { RETRY_HEADER } from "./retry-policy.js";
import { raceAbort } from "./sleep.js";

/** A request on its way through the pipeline, with the counters its retry budgets use. */
export interface Call {
  readonly request: Request;
  readonly method: string;
  /** URL path only: the query string may carry personal data, and never goes into errors or hooks. */
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
}

/** How an attempt ended: with a response (any status), a network failure, or its timeout. */
export type AttemptOutcome =
  | { kind: "response"; response: Response }
  | { kind: "network" | "timeout"; error: unknown };

/** Starts tracking a request. */
export function startCall(request: Request): Call {
  return {
    request,
    method: request.method.toUpperCase(),
    path: new URL(request.url).pathname,
    signal: request.signal,
    attempt: 0,
    failures: 0,
    rateLimitRetries: 0,
    rateLimitWaitedMs: 0,
    unauthorized: 0,
  };
}

/**
 * Runs one attempt. Rejects with the caller's abort reason when the caller aborts; otherwise resolves,
 * also for network failures and timeouts.
 */
export async function runAttempt(
  call: Call,
  token: AccessToken,
  fetch: (request: Request) => Promise<Response>,
  timeoutMs: number,
): Promise<AttemptOutcome> {
  const timeout = new AbortController();
  const timer = setTimeout(
    () => timeout.abort(new DOMException(`timed out after ${timeoutMs} ms`, "TimeoutError")),
    timeoutMs,
  );
  const signal = AbortSignal.any([call.signal, timeout.signal]);
  try {
    const attempt = new Request(call.request.clone(), { signal });
    attempt.headers.set("authorization", `Bearer ${token.value}`);
    attempt.headers.delete(RETRY_HEADER);
    // Raced against the signal so a fetch that ignores its signal still cannot outlive the timeout.
    return { kind: "response", response: await raceAbort(fetch(attempt), signal) };
  } catch (error) {
    if (call.signal.aborted) throw call.signal.reason;
    return { kind: timeout.signal.aborted ? "timeout" : "network", error };
  } finally {
    clearTimeout(timer);
  }
}
