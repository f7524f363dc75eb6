// `pnpm bench` (core), part 3: what observability costs a request. (1) Without an OpenTelemetry SDK: the
// per-request check that finds nothing to report (no observer, no span, no allocation), in ns. (2) The
// same in-process GET (no network: the pipeline's own CPU) through createZoomClient without an SDK and
// with the SDK's tracer and meter providers registered (every span sampled, in-memory exporter).
// Prints a table and writes bench-results/telemetry-overhead.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { context, metrics, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import {
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from "@opentelemetry/sdk-metrics";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { createZoomClient } from "../dist/index.js";
import { startCall } from "../dist/pipeline/attempt.js";
import { observeCalls } from "../dist/telemetry/call-telemetry.js";

const CALLS = 20_000;
const ROUNDS = 7;
const CHECKS = 5_000_000;
const USER_JSON = JSON.stringify({ id: "KDcuGIm1QgePTO8WbOqwIQ", email: "host@example.com" });
const TOKEN_JSON = JSON.stringify({
  access_token: "bench",
  token_type: "bearer",
  expires_in: 3600,
  scope: "x",
});
const fetch = async (input) => {
  const url = typeof input === "string" ? input : input.url;
  return new Response(url.endsWith("/oauth/token") ? TOKEN_JSON : USER_JSON, {
    status: 200,
    headers: { "content-type": "application/json" },
  });
};
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const round2 = (x) => Math.round(x * 100) / 100;

/** ns per `observe(call)` while nothing observes requests. */
function checkCost() {
  const observe = observeCalls(undefined);
  const call = startCall(new Request("https://api.zoom.invalid/v2/users/me"));
  const runs = [];
  for (let r = 0; r < ROUNDS; r++) {
    let seen = 0;
    const started = performance.now();
    for (let i = 0; i < CHECKS; i++) if (observe(call) !== undefined) seen += 1;
    runs.push(((performance.now() - started) * 1e6) / CHECKS);
    if (seen !== 0) throw new Error("an observer was created without an SDK");
  }
  return round2(median(runs));
}

function client() {
  return createZoomClient({
    accountId: "bench-account",
    clientId: "bench-client",
    clientSecret: "bench-secret",
    baseUrl: "https://api.zoom.invalid/v2",
    oauthUrl: "https://api.zoom.invalid/oauth/token",
    fetch,
  });
}

/** µs per call, median of rounds, sequential awaited calls (one event loop). */
async function callCost(zoom, onRound = () => {}) {
  const once = () => zoom.GET("/users/{userId}", { params: { path: { userId: "me" } } });
  for (let i = 0; i < CALLS / 4; i++) await once(); // warm-up
  const runs = [];
  for (let r = 0; r < ROUNDS; r++) {
    const started = performance.now();
    for (let i = 0; i < CALLS; i++) await once();
    runs.push(((performance.now() - started) * 1000) / CALLS);
    onRound();
  }
  return { usPerCall: round2(median(runs)), runs: runs.map(round2) };
}

const noSdkCheckNs = checkCost();
const plain = client();
const noSdk = await callCost(plain);
await plain.close();

const spans = new InMemorySpanExporter();
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));
const reader = new PeriodicExportingMetricReader({
  exporter: new InMemoryMetricExporter(),
  exportIntervalMillis: 3_600_000,
});
metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
const traced = client();
let recorded = 0;
const withSdk = await callCost(traced, () => {
  recorded += spans.getFinishedSpans().length;
  spans.reset();
});
await traced.close();
if (recorded === 0) throw new Error("the SDK recorded no span");

const result = {
  benchmark: "observability cost per request: no SDK vs OpenTelemetry SDK registered (in-process fetch)",
  noSdkObserverCheckNs: noSdkCheckNs,
  inProcess: {
    calls: CALLS,
    rounds: ROUNDS,
    noSdk,
    withSdk,
    sdkCostUsPerCall: round2(withSdk.usPerCall - noSdk.usPerCall),
  },
  node: process.version,
  cpu: `${cpus().length} x ${cpus()[0]?.model ?? "unknown"}`,
  date: new Date().toISOString(),
};
const dir = new URL("../bench-results/", import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL("telemetry-overhead.json", dir), `${JSON.stringify(result, null, 2)}\n`);
console.log(
  `telemetry: without an SDK, ${noSdkCheckNs} ns per request to find nothing observes it (no allocation)`,
);
console.log(
  `telemetry: in-process GET ${noSdk.usPerCall} µs/call without an SDK, ${withSdk.usPerCall} µs/call with tracer + meter registered (+${result.inProcess.sdkCostUsPerCall} µs)`,
);
