/**
 * Without an OpenTelemetry SDK nothing observes a request: the pipeline gets no observer (no span, no
 * allocation), unless a `request` or `response` hook listens. A tracer provider registered after the
 * client was created is used from then on; a sampler that drops a request leaves no span behind.
 */
import { trace } from "@opentelemetry/api";
import {
  AlwaysOffSampler,
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { afterEach, describe, expect, it } from "vitest";
import { startCall } from "../../src/pipeline/attempt.js";
import { observeCalls } from "../../src/telemetry/call-telemetry.js";
import { clientUnder, scriptedZoom } from "../pipeline/helpers.js";

const call = () => startCall(new Request("https://api.zoom.test/v2/meetings/1"));

afterEach(() => trace.disable());

describe("observers without an SDK", () => {
  it("are not created while no hook listens to requests and no provider is registered", () => {
    expect(observeCalls(undefined)(call())).toBeUndefined();
    expect(observeCalls({ retry: () => {}, tokenMinted: () => {} })(call())).toBeUndefined();
    expect(observeCalls({ response: () => {} })(call())).toBeDefined();
  });

  it("are created once a tracer provider is registered, even after the pipeline was made", async () => {
    const observe = observeCalls(undefined);
    const spans = new InMemorySpanExporter();
    trace.setGlobalTracerProvider(
      new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }),
    );
    expect(observe(call())).toBeDefined();

    const client = clientUnder(scriptedZoom(Response.json({ id: 1 })));
    await client.GET("/meetings/{meetingId}", { params: { path: { meetingId: 1 } } });
    expect(spans.getFinishedSpans().map((span) => span.name)).toEqual([
      "zoomkit.attempt",
      "GET /meetings/{meetingId}",
    ]);
  });

  it("leave no span when the sampler drops the request", async () => {
    const spans = new InMemorySpanExporter();
    trace.setGlobalTracerProvider(
      new BasicTracerProvider({
        sampler: new AlwaysOffSampler(),
        spanProcessors: [new SimpleSpanProcessor(spans)],
      }),
    );
    const client = clientUnder(scriptedZoom(new Response(null, { status: 503 }), Response.json({ id: 1 })), {
      sleep: async () => {},
    });
    const { response } = await client.GET("/meetings/{meetingId}", { params: { path: { meetingId: 1 } } });
    expect(response.status).toBe(200);
    expect(spans.getFinishedSpans()).toEqual([]);
  });
});
