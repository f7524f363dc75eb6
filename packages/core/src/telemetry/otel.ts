/**
 * zoomkit's link to OpenTelemetry, through `@opentelemetry/api` only: a no-op until the service
 * registers an SDK. Whether one is registered is checked without creating a span, so a request costs
 * no allocation for tracing while nobody traces.
 */
import {
  type Attributes,
  context,
  createNoopMeter,
  type Meter,
  metrics,
  ProxyTracerProvider,
  ROOT_CONTEXT,
  type Span,
  SpanStatusCode,
  type Tracer,
  trace,
} from "@opentelemetry/api";
import { ZoomKitError } from "../errors.js";

/** The instrumentation scope of every span and instrument zoomkit makes. */
export const INSTRUMENTATION_SCOPE = "@zoomkit/core";

/** What an unregistered global tracer provider delegates to (the API's no-op provider). */
const NOOP_TRACER_PROVIDER = new ProxyTracerProvider().getDelegate();
const NOOP_METER = createNoopMeter();

/**
 * zoomkit's tracer, or `undefined` while no tracer provider is registered. Asked per request, so a
 * provider registered after the client was created is used from then on.
 */
export function activeTracer(): Tracer | undefined {
  const provider = trace.getTracerProvider();
  if (provider instanceof ProxyTracerProvider && provider.getDelegate() === NOOP_TRACER_PROVIDER)
    return undefined;
  return provider.getTracer(INSTRUMENTATION_SCOPE);
}

/**
 * zoomkit's meter, or `undefined` while no meter provider is registered. Asked once, when a client or
 * token provider is created: the API has no proxy meter, so register the SDK before creating clients.
 */
export function activeMeter(): Meter | undefined {
  const meter = metrics.getMeter(INSTRUMENTATION_SCOPE);
  return meter === NOOP_METER ? undefined : meter;
}

/**
 * A bounded `error.type`: zoomkit's error code (`timeout`, `network`, `app_rejected`...), else the
 * error's class name. Never the message, which may name an account or a URL.
 */
export function errorType(error: unknown): string {
  if (error instanceof ZoomKitError) return error.code;
  if (error instanceof Error) return error.name;
  return "_OTHER";
}

/** Ends `span` as failed with `error`'s type (its message stays out: it may name an account). */
export function failSpan(span: Span, error: unknown): void {
  span.setAttribute("error.type", errorType(error));
  span.setStatus({ code: SpanStatusCode.ERROR });
}

/** Runs `work` outside any trace (a background task of its own) when tracing; `work()` otherwise. */
export function detached<T>(work: () => T): T {
  return activeTracer() === undefined ? work() : context.with(ROOT_CONTEXT, work);
}

/** Runs `work` in a child span of the active context when tracing; `work()` as it is otherwise. */
export function inSpan<T>(name: string, attributes: Attributes, work: () => Promise<T>): Promise<T> {
  const tracer = activeTracer();
  if (tracer === undefined) return work();
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work();
    } catch (error) {
      failSpan(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}
