// The README's traces and metrics example, type-checked by `pnpm typecheck`. In your project, import from
// "@zoomkit/core", and use the exporters you ship to (OTLP, Prometheus) instead of the console ones.
import { metrics } from "@opentelemetry/api";
import {
  ConsoleMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from "@opentelemetry/sdk-metrics";
import { BatchSpanProcessor, ConsoleSpanExporter, NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { createZoomClient } from "../src/index.js";

// Traces: one statement (registers the tracer provider and the async context manager).
new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(new ConsoleSpanExporter())] }).register();
// Metrics: one statement, before the client is created.
metrics.setGlobalMeterProvider(
  new MeterProvider({
    readers: [new PeriodicExportingMetricReader({ exporter: new ConsoleMetricExporter() })],
  }),
);

const zoom = createZoomClient({
  accountId: process.env.ZOOM_ACCOUNT_ID ?? "",
  clientId: process.env.ZOOM_CLIENT_ID ?? "",
  clientSecret: process.env.ZOOM_CLIENT_SECRET ?? "",
});
await zoom.GET("/users/{userId}", { params: { path: { userId: "me" } } }); // span "GET /users/{userId}"
