/**
 * The observer of one request: the `request` and `response` hooks, once per attempt. An observer exists
 * only for a request someone listens to (`observeCalls` answers `undefined` otherwise).
 */
import { emit, type RequestEventBase, type ZoomEventMap, type ZoomHooks } from "../events.js";
import type { ZoomOperation } from "../operations.js";
import type { AttemptOutcome, Call } from "../pipeline/attempt.js";
import type { CallObserver, Observe, RetryReason } from "../pipeline/call-observer.js";
import { callOperation, trackingId } from "./call-info.js";

/** The observer factory of a pipeline: `undefined` for every request while no hook listens. */
export function observeCalls(hooks: ZoomHooks | undefined): Observe | undefined {
  if (!hooks?.request && !hooks?.response) return undefined;
  return (call) => new CallTelemetry(call, hooks);
}

class CallTelemetry implements CallObserver {
  private readonly operation: ZoomOperation | undefined;
  private readonly hooks: ZoomHooks;

  constructor(call: Call, hooks: ZoomHooks) {
    this.hooks = hooks;
    this.operation = callOperation(call.method, call.request.url);
  }

  within<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  async attempt(call: Call, send: () => Promise<AttemptOutcome>): Promise<AttemptOutcome> {
    const base = this.base(call);
    emit(this.hooks, "request", base);
    const started = performance.now();
    let outcome: AttemptOutcome;
    try {
      outcome = await send();
    } catch (error) {
      // Only the caller's abort rejects an attempt.
      this.respond({ ...base, error: "aborted", durationMs: performance.now() - started });
      throw error;
    }
    const durationMs = performance.now() - started;
    if (outcome.kind === "response") {
      const { response } = outcome;
      const id = trackingId(response);
      this.respond({
        ...base,
        status: response.status,
        durationMs,
        ...(id === undefined ? {} : { trackingId: id }),
      });
    } else {
      this.respond({ ...base, error: outcome.kind, durationMs });
    }
    return outcome;
  }

  retrying(_reason: RetryReason, _delayMs: number): void {}

  wait(_delayMs: number, waiting: Promise<void>): Promise<void> {
    return waiting;
  }

  ended(_call: Call, _response: Response): void {}

  failed(_call: Call, _error: unknown): void {}

  private base(call: Call): RequestEventBase {
    const { operation } = this;
    return {
      method: call.method,
      path: call.path,
      ...(operation ? { template: operation.path, operationId: operation.operationId } : {}),
      attempt: call.attempt,
    };
  }

  private respond(event: ZoomEventMap["response"]): void {
    emit(this.hooks, "response", event);
  }
}
