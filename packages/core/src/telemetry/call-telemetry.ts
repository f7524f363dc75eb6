/**
 * The observer of one request: the `request` and `response` hooks (once per attempt), its OpenTelemetry
 * span tree and its metrics. An observer exists only for a request something observes: with no hook,
 * no registered tracer provider and no meter, `observeCalls` answers `undefined` without allocating.
 *
 * The span tree (README, "Traces and metrics"): one CLIENT span per request, named `{method}
 * {url.template}`, with HTTP semantic-convention attributes; under it one `zoomkit.attempt` span per
 * attempt (status, Zoom's tracking id), one `zoomkit.retry_wait` or `zoomkit.rate_limit_wait` span per
 * wait before a retry, and the token engine's spans (`zoomkit.token.wait`, `zoomkit.token.mint`, ...)
 * for the token waits, because the request runs in its span's context.
 */
import {
  type Attributes,
  type Context,
  context,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from "@opentelemetry/api";
import { emit, type RequestEventBase, type ZoomEventMap, type ZoomHooks } from "../events.js";
import type { ZoomOperation } from "../operations.js";
import type { AttemptOutcome, Call } from "../pipeline/attempt.js";
import type { CallObserver, Observe, RetryReason } from "../pipeline/call-observer.js";
import { callOperation, trackingId } from "./call-info.js";
import { activeMeter, activeTracer, errorType, failSpan } from "./otel.js";
import { createRequestInstruments, type RequestInstruments, rateLimitAttributes } from "./request-metrics.js";

/**
 * The observer factory of a pipeline. Hooks and the meter are fixed when the pipeline is created; the
 * tracer is looked up per request, so tracing starts whenever a provider is registered.
 */
export function observeCalls(hooks: ZoomHooks | undefined): Observe {
  const listening = hooks?.request !== undefined || hooks?.response !== undefined ? hooks : undefined;
  const meter = activeMeter();
  const instruments = meter === undefined ? undefined : createRequestInstruments(meter);
  return (call) => {
    const tracer = activeTracer();
    if (listening === undefined && instruments === undefined && tracer === undefined) return undefined;
    return new CallTelemetry(call, listening, tracer, instruments);
  };
}

class CallTelemetry implements CallObserver {
  private readonly operation: ZoomOperation | undefined;
  private readonly hooks: ZoomHooks | undefined;
  private readonly instruments: RequestInstruments | undefined;
  private readonly started = performance.now();
  /** The request's span and its context, while the request is sampled. */
  private readonly span: Span | undefined;
  private readonly spanContext: Context | undefined;
  private readonly tracer: Tracer | undefined;
  /** Why the coming wait happens (set by `retrying`, read by `wait`). */
  private reason: RetryReason = "status";
  private lastTrackingId: string | undefined;

  constructor(
    call: Call,
    hooks: ZoomHooks | undefined,
    tracer: Tracer | undefined,
    instruments: RequestInstruments | undefined,
  ) {
    this.hooks = hooks;
    this.instruments = instruments;
    this.operation = callOperation(call.method, call.request.url);
    if (tracer !== undefined) {
      const parent = context.active();
      const span = tracer.startSpan(
        this.operation ? `${call.method} ${this.operation.path}` : call.method,
        { kind: SpanKind.CLIENT, attributes: this.requestAttributes(call) },
        parent,
      );
      if (span.isRecording()) {
        this.span = span;
        this.spanContext = trace.setSpan(parent, span);
        this.tracer = tracer;
      } else {
        span.end();
      }
    }
  }

  within<T>(work: () => Promise<T>): Promise<T> {
    return this.spanContext ? context.with(this.spanContext, work) : work();
  }

  async attempt(call: Call, send: () => Promise<AttemptOutcome>): Promise<AttemptOutcome> {
    const base = this.hooks ? this.base(call) : undefined;
    if (base) emit(this.hooks, "request", base);
    const span = this.startAttemptSpan(call);
    const started = performance.now();
    let outcome: AttemptOutcome;
    try {
      outcome = span ? await context.with(trace.setSpan(this.spanContext!, span), send) : await send();
    } catch (error) {
      // Only the caller's abort rejects an attempt.
      if (base) this.respond({ ...base, error: "aborted", durationMs: performance.now() - started });
      if (span) {
        failSpan(span, error);
        span.end();
      }
      throw error;
    }
    const durationMs = performance.now() - started;
    if (outcome.kind === "response") {
      const { response } = outcome;
      const id = trackingId(response);
      this.lastTrackingId = id;
      if (base) {
        this.respond({
          ...base,
          status: response.status,
          durationMs,
          ...(id === undefined ? {} : { trackingId: id }),
        });
      }
      if (response.status === 429) {
        this.instruments?.rateLimited.add(1, {
          ...this.metricAttributes(call),
          ...rateLimitAttributes(response.headers, this.operation?.category),
        });
      }
      if (span) endWithStatus(span, response.status, id);
    } else {
      if (base) this.respond({ ...base, error: outcome.kind, durationMs });
      if (span) {
        span.setAttribute("error.type", outcome.kind);
        span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      }
    }
    return outcome;
  }

  retrying(reason: RetryReason, delayMs: number): void {
    this.reason = reason;
    this.span?.addEvent("zoomkit.retry", {
      "zoomkit.retry.reason": reason,
      "zoomkit.retry.delay_ms": delayMs,
    });
    if (this.instruments) {
      this.instruments.retries.add(1, {
        "zoomkit.retry.reason": reason,
        "url.template": this.templateLabel(),
      });
    }
  }

  wait(delayMs: number, waiting: Promise<void>): Promise<void> {
    if (this.tracer === undefined) return waiting;
    const name = this.reason === "rate_limit" ? "zoomkit.rate_limit_wait" : "zoomkit.retry_wait";
    const attributes = { "zoomkit.retry.reason": this.reason, "zoomkit.retry.delay_ms": delayMs };
    return this.bracket(name, attributes, waiting);
  }

  paced<T>(admission: Promise<T>): Promise<T> {
    if (this.tracer === undefined) return admission;
    const category = this.operation?.category;
    return this.bracket(
      "zoomkit.pacing_wait",
      category ? { "zoom.rate_limit.category": category } : {},
      admission,
    );
  }

  /** A child span of the request from now until `waiting` settles. */
  private bracket<T>(name: string, attributes: Attributes, waiting: Promise<T>): Promise<T> {
    const span = this.tracer!.startSpan(name, { attributes }, this.spanContext);
    return waiting.then(
      (value) => {
        span.end();
        return value;
      },
      (error: unknown) => {
        failSpan(span, error);
        span.end();
        throw error;
      },
    );
  }

  ended(call: Call, response: Response): void {
    const { status } = response;
    if (this.instruments) {
      this.instruments.duration.record((performance.now() - this.started) / 1000, {
        ...this.metricAttributes(call),
        "http.response.status_code": status,
        ...(status >= 400 ? { "error.type": String(status) } : {}),
      });
    }
    const { span } = this;
    if (span === undefined) return;
    if (call.attempt > 1) span.setAttribute("http.request.resend_count", call.attempt - 1);
    endWithStatus(span, status, this.lastTrackingId);
  }

  failed(call: Call, error: unknown): void {
    const type = call.signal.aborted ? "aborted" : errorType(error);
    if (this.instruments) {
      this.instruments.duration.record((performance.now() - this.started) / 1000, {
        ...this.metricAttributes(call),
        "error.type": type,
      });
    }
    const { span } = this;
    if (span === undefined) return;
    if (call.attempt > 1) span.setAttribute("http.request.resend_count", call.attempt - 1);
    span.setAttribute("error.type", type);
    span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  }

  private startAttemptSpan(call: Call): Span | undefined {
    if (this.tracer === undefined) return undefined;
    return this.tracer.startSpan(
      "zoomkit.attempt",
      {
        attributes: {
          "zoomkit.attempt": call.attempt,
          ...(call.attempt > 1 ? { "http.request.resend_count": call.attempt - 1 } : {}),
        },
      },
      this.spanContext,
    );
  }

  /**
   * HTTP client semantic conventions, less `url.full`: a Zoom path can carry an e-mail address and
   * the query string personal data, so the template stands for the URL.
   */
  private requestAttributes(call: Call) {
    const url = new URL(call.request.url);
    const op = this.operation;
    return {
      "http.request.method": call.method,
      "server.address": url.hostname,
      ...(url.port === "" ? {} : { "server.port": Number(url.port) }),
      ...(op
        ? {
            "url.template": op.path,
            "zoom.operation_id": op.operationId,
            "zoom.rate_limit.category": op.category,
          }
        : {}),
    };
  }

  private templateLabel(): string {
    return this.operation?.path ?? "_OTHER";
  }

  private metricAttributes(call: Call) {
    return { "http.request.method": call.method, "url.template": this.templateLabel() };
  }

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

/** Sets an answer's status (4xx and 5xx are errors for a client span) and tracking id, and ends the span. */
function endWithStatus(span: Span, status: number, tracking: string | undefined): void {
  span.setAttribute("http.response.status_code", status);
  if (tracking !== undefined) span.setAttribute("zoom.tracking_id", tracking);
  if (status >= 400) {
    span.setAttribute("error.type", String(status));
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}
