/**
 * What the pipeline's rules share: the resolved pipeline, the step an answer leads to, and how a retry
 * is announced.
 */
import { emit, type ZoomHooks } from "../events.js";
import type { Pacer } from "../pacing/pacer.js";
import type { AccessToken, TokenProvider } from "../tokens/types.js";
import type { Call } from "./attempt.js";
import type { PipelineFetch } from "./attempt-request.js";
import type { Observe } from "./call-observer.js";
import type { ResolvedRetryPolicy } from "./retry-policy.js";
import type { Sleep } from "./sleep.js";

export interface Pipeline {
  fetch: PipelineFetch;
  tokens: TokenProvider;
  timeoutMs: number;
  policy: ResolvedRetryPolicy;
  hooks: ZoomHooks | undefined;
  random: () => number;
  sleep: Sleep;
  now: () => number;
  /** Gives each request its observer; absent while nothing observes requests. */
  observe: Observe | undefined;
  /** Paces attempts across the fleet; absent unless pacing is on. */
  pacer: Pacer | undefined;
}

/** What to do after an attempt. */
export type Step =
  | { kind: "return"; response: Response }
  | { kind: "retry"; delayMs: number; token?: AccessToken };

export function retrying(
  call: Call,
  response: Response,
  pipeline: Pipeline,
  reason: "status" | "rate_limit" | "unauthorized" | "scopes",
  delayMs: number,
): void {
  call.observer?.retrying(reason, delayMs);
  emit(pipeline.hooks, "retry", {
    method: call.method,
    path: call.path,
    attempt: call.attempt,
    reason,
    status: response.status,
    delayMs,
  });
  // The response is dropped: free its connection instead of waiting for garbage collection.
  response.body?.cancel().catch(() => {});
}
