/**
 * OpenTelemetry with the SDK registered as a service would (in-memory exporters), against the simulator
 * over real HTTP: the span tree and the metrics of a request that Zoom refused once (401, its token
 * revoked), then rate-limited (429, a per-second limit), and then answered.
 */

import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { DEFAULT_APP, DEFAULT_USERS, startZoomSimulator, type ZoomSimulator } from "@zoomkit/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createZoomClient } from "../../src/index.js";
import { childrenOf, registerSdk } from "./otel-sdk.js";

const HOST = DEFAULT_USERS[0]!.email;
const TRACKING = /^v=2\.0;clid=sim;rid=SIM_/;

describe("OpenTelemetry: a request refused once, rate-limited once, then answered", () => {
  let sim: ZoomSimulator;
  let sdk: ReturnType<typeof registerSdk>;
  // The simulator's clock: its per-second windows move only when the test says so.
  let clock = Date.UTC(2026, 5, 1, 12, 0, 0);

  beforeAll(async () => {
    sdk = registerSdk();
    sim = await startZoomSimulator({ now: () => clock, qps: { light: 1 } });
  });
  afterAll(async () => {
    await sim.close();
    await sdk.stop();
  });

  it("shows the request span, each attempt, the token wait with its mint, and the rate-limit wait", async () => {
    const zoom = createZoomClient({
      ...DEFAULT_APP,
      baseUrl: sim.baseUrl,
      oauthUrl: sim.oauthUrl,
      rateLimit: { jitterMs: 0 },
      // The 429 says "retry after 1 s": move the simulator's clock into the next second's window.
      hooks: { rateLimited: () => (clock += 1_000) },
    });
    // A first call: the cold mint, and this second's one Light call.
    const warm = await zoom.GET("/users/{userId}", { params: { path: { userId: HOST } } });
    expect(warm.response.status).toBe(200);
    const firstToken = await zoom.tokens.getToken();
    sdk.spans.reset();
    sim.control.revokeTokens();

    const { data, response } = await zoom.GET("/users/{userId}", { params: { path: { userId: HOST } } });
    const secondToken = await zoom.tokens.getToken();

    expect(response.status).toBe(200);
    expect(data?.email).toBe(HOST);
    const spans = sdk.spans.getFinishedSpans();
    const roots = spans.filter((span) => span.parentSpanContext === undefined);
    expect(roots.map((span) => span.name)).toEqual(["GET /users/{userId}"]);
    const root = roots[0]!;
    expect(root.kind).toBe(SpanKind.CLIENT);
    expect(root.instrumentationScope.name).toBe("@zoomkit/core");
    expect(root.status.code).toBe(SpanStatusCode.UNSET);
    expect(root.attributes).toMatchObject({
      "http.request.method": "GET",
      "url.template": "/users/{userId}",
      "server.address": "127.0.0.1",
      "server.port": Number(new URL(sim.url).port),
      "http.response.status_code": 200,
      "http.request.resend_count": 2,
      "zoom.operation_id": "user",
      "zoom.rate_limit.category": "Light",
    });
    expect(root.attributes["zoom.tracking_id"]).toMatch(TRACKING);
    expect(root.attributes["error.type"]).toBeUndefined();
    expect(root.events.map((event) => event.attributes?.["zoomkit.retry.reason"])).toEqual([
      "unauthorized",
      "rate_limit",
    ]);

    const children = childrenOf(spans, root);
    expect(children.map((span) => span.name)).toEqual([
      "zoomkit.attempt",
      "zoomkit.token.wait",
      "zoomkit.attempt",
      "zoomkit.rate_limit_wait",
      "zoomkit.attempt",
    ]);
    const [refused, tokenWait, limited, rateWait, answered] = children as [
      ReadableSpan,
      ReadableSpan,
      ReadableSpan,
      ReadableSpan,
      ReadableSpan,
    ];
    expect(refused.attributes).toMatchObject({
      "zoomkit.attempt": 1,
      "http.response.status_code": 401,
      "error.type": "401",
    });
    expect(refused.status.code).toBe(SpanStatusCode.ERROR);
    expect(tokenWait.attributes).toMatchObject({ "zoomkit.token.wait.reason": "unauthorized" });
    expect(
      childrenOf(spans, tokenWait).map((span) => [span.name, span.attributes["zoomkit.mint.reason"]]),
    ).toEqual([["zoomkit.token.mint", "unauthorized"]]);
    expect(limited.attributes).toMatchObject({
      "zoomkit.attempt": 2,
      "http.request.resend_count": 1,
      "http.response.status_code": 429,
      "error.type": "429",
    });
    expect(rateWait.attributes).toMatchObject({
      "zoomkit.retry.reason": "rate_limit",
      "zoomkit.retry.delay_ms": 1_000,
    });
    expect(answered.attributes).toMatchObject({ "zoomkit.attempt": 3, "http.response.status_code": 200 });
    expect(answered.status.code).toBe(SpanStatusCode.UNSET);
    const ids = [refused, limited, answered].map((span) => span.attributes["zoom.tracking_id"]);
    for (const id of ids) expect(id).toMatch(TRACKING);
    expect(new Set(ids).size).toBe(3);
    expect(root.attributes["zoom.tracking_id"]).toBe(ids[2]);

    // Nothing personal or secret in any span: no e-mail, token, secret or path.
    const said = JSON.stringify(spans.map((span) => [span.name, span.attributes, span.events]));
    for (const secret of [HOST, firstToken.value, secondToken.value, DEFAULT_APP.clientSecret, "/v2/users"]) {
      expect(said).not.toContain(secret);
    }

    const metrics = await sdk.metrics();
    const points = (name: string) => metrics.get(name)?.dataPoints ?? [];
    const value = (name: string, attributes: Record<string, unknown>) =>
      points(name).find((point) => Object.entries(attributes).every(([k, v]) => point.attributes[k] === v))
        ?.value;
    expect(value("zoomkit.request.retries", { "zoomkit.retry.reason": "unauthorized" })).toBe(1);
    expect(value("zoomkit.request.retries", { "zoomkit.retry.reason": "rate_limit" })).toBe(1);
    expect(
      value("zoomkit.request.rate_limited", {
        "url.template": "/users/{userId}",
        "zoom.rate_limit.type": "qps",
        "zoom.rate_limit.category": "Light",
      }),
    ).toBe(1);
    expect(
      value("zoomkit.request.duration", {
        "url.template": "/users/{userId}",
        "http.response.status_code": 200,
      }),
    ).toMatchObject({ count: 2 });
    expect(value("zoomkit.token.mints", { "zoomkit.mint.reason": "cold" })).toBe(1);
    expect(value("zoomkit.token.mints", { "zoomkit.mint.reason": "unauthorized" })).toBe(1);
    expect(value("zoomkit.token.unauthorized", {})).toBe(1);
    expect(value("zoomkit.token.circuit.state", { "zoomkit.circuit.state": "closed" })).toBe(1);
    expect(value("zoomkit.token.circuit.state", { "zoomkit.circuit.state": "open" })).toBe(0);
    expect(value("zoomkit.token.degraded", {})).toBe(0);
    const labels = JSON.stringify(
      [...metrics.values()].flatMap((metric) => metric.dataPoints.map((p) => p.attributes)),
    );
    for (const secret of [HOST, firstToken.value, secondToken.value, "/v2/users"])
      expect(labels).not.toContain(secret);

    await zoom.close();
  });
});
