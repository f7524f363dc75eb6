/**
 * `createZoomMetrics` with a real prom-client registry and a real client, against the simulator over
 * HTTP: a request refused once (401) and rate-limited once (429) shows in the pipeline's metrics and the
 * engine's stats, with operation templates for labels, never a path, an e-mail address or a token.
 */
import { createZoomClient } from "@zoomkit/core";
import { DEFAULT_APP, DEFAULT_USERS, startZoomSimulator, type ZoomSimulator } from "@zoomkit/simulator";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createZoomMetrics } from "../src/index.js";

const HOST = DEFAULT_USERS[0]!.email;

/** The value of the sample `name{labels}` in the exposition text, or undefined. */
function sample(text: string, name: string, labels = ""): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ""} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
}

describe("createZoomMetrics against the simulator", () => {
  let sim: ZoomSimulator;
  let clock = Date.UTC(2026, 5, 1, 12, 0, 0);
  beforeAll(async () => {
    sim = await startZoomSimulator({ now: () => clock, qps: { light: 1 } });
  });
  afterAll(() => sim.close());

  it("counts attempts, retries and 429s by operation, and reads the engine's stats at each scrape", async () => {
    const registry = new Registry();
    const metrics = createZoomMetrics({ registry });
    const zoom = createZoomClient({
      ...DEFAULT_APP,
      baseUrl: sim.baseUrl,
      oauthUrl: sim.oauthUrl,
      rateLimit: { jitterMs: 0 },
      hooks: {
        ...metrics.hooks,
        // The 429 says "retry after 1 s": move the simulator's clock into the next second's window.
        rateLimited: (e) => {
          metrics.hooks.rateLimited?.(e);
          clock += 1_000;
        },
      },
    });
    const stop = metrics.track(zoom);

    expect((await zoom.GET("/users/{userId}", { params: { path: { userId: HOST } } })).response.status).toBe(
      200,
    );
    const token = await zoom.tokens.getToken();
    sim.control.revokeTokens();
    const { response } = await zoom.GET("/users/{userId}", { params: { path: { userId: HOST } } });
    expect(response.status).toBe(200);
    // A path outside zoomkit's document is labelled `other`, not by its path.
    await zoom.GET(`/users/${HOST}/unknown` as "/users/{userId}", { params: { path: { userId: HOST } } });

    const text = await registry.metrics();
    const op = 'operation="/users/{userId}"';
    expect(sample(text, "zoomkit_request_attempts_total", `method="GET",${op},outcome="200"`)).toBe(2);
    expect(sample(text, "zoomkit_request_attempts_total", `method="GET",${op},outcome="401"`)).toBe(1);
    expect(sample(text, "zoomkit_request_attempts_total", `method="GET",${op},outcome="429"`)).toBe(1);
    expect(
      sample(text, "zoomkit_request_attempts_total", 'method="GET",operation="other",outcome="404"'),
    ).toBe(1);
    expect(sample(text, "zoomkit_request_attempt_duration_seconds_count", `method="GET",${op}`)).toBe(4);
    expect(sample(text, "zoomkit_retries_total", `reason="unauthorized",${op}`)).toBe(1);
    expect(sample(text, "zoomkit_retries_total", `reason="rate_limit",${op}`)).toBe(1);
    expect(
      sample(text, "zoomkit_rate_limited_total", `type="qps",category="Light",retried="true",${op}`),
    ).toBe(1);
    expect(sample(text, "zoomkit_token_mints_total", 'reason="cold"')).toBe(1);
    expect(sample(text, "zoomkit_token_mints_total", 'reason="unauthorized"')).toBe(1);
    expect(sample(text, "zoomkit_token_mints_total", 'reason="refresh"')).toBe(0);
    expect(sample(text, "zoomkit_token_unauthorized_total")).toBe(1);
    expect(sample(text, "zoomkit_token_unauthorized_retried_total")).toBe(1);
    expect(sample(text, "zoomkit_token_circuit_state", 'state="closed"')).toBe(1);
    expect(sample(text, "zoomkit_token_circuit_state", 'state="open"')).toBe(0);
    expect(sample(text, "zoomkit_token_degraded")).toBe(0);
    expect(sample(text, "zoomkit_app_rejected")).toBe(0);
    expect(sample(text, "zoomkit_store_degraded")).toBe(0);
    expect(sample(text, "zoomkit_token_hits_total", 'layer="process"')).toBeGreaterThan(0);
    for (const secret of [HOST, "/v2/", token.value, DEFAULT_APP.clientSecret])
      expect(text).not.toContain(secret);

    // Scrapes read the stats again: a counter follows the engine, never counts twice.
    expect(sample(await registry.metrics(), "zoomkit_token_mints_total", 'reason="cold"')).toBe(1);
    stop();
    expect(sample(await registry.metrics(), "zoomkit_token_mints_total", 'reason="cold"')).toBe(0);
    await zoom.close();
  });

  it("refuses to register twice in one registry, and never touches prom-client's global registry", async () => {
    const registry = new Registry();
    createZoomMetrics({ registry });
    expect(() => createZoomMetrics({ registry })).toThrow(/already been registered/);
    const { register } = await import("prom-client");
    expect(await register.metrics()).not.toContain("zoomkit_");
  });
});
