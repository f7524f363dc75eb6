/**
 * What the pipeline tells whoever observes a request (the `request`/`response` hooks, tracing, metrics).
 * The pipeline asks for an observer once per request and gets `undefined` when nobody listens, so an
 * unobserved request costs one check and allocates nothing for observability.
 */
import type { AttemptOutcome, Call } from "./attempt.js";

/** Why the pipeline waits or retries (the `retry` event's reasons). */
export type RetryReason = "status" | "network" | "timeout" | "rate_limit" | "unauthorized" | "scopes";

export interface CallObserver {
  /** Runs the whole request inside the observer's context (its span, for tracing). */
  within<T>(work: () => Promise<T>): Promise<T>;
  /** Runs one attempt inside its own context; reports its start and its outcome. */
  attempt(call: Call, send: () => Promise<AttemptOutcome>): Promise<AttemptOutcome>;
  /** The attempt that just ended is retried, for `reason`, after the wait (if any) that follows. */
  retrying(reason: RetryReason, delayMs: number): void;
  /** Brackets the wait for a pacing permit (resolves to the 429 to return instead, if any). */
  paced<T>(admission: Promise<T>): Promise<T>;
  /** Brackets the wait before the next attempt. */
  wait(delayMs: number, waiting: Promise<void>): Promise<void>;
  /** The request ended with `response` (returned to the caller). */
  ended(call: Call, response: Response): void;
  /** The request ended by throwing `error`. */
  failed(call: Call, error: unknown): void;
}

/** Gives a request its observer, or `undefined` when nothing observes it. */
export type Observe = (call: Call) => CallObserver | undefined;
