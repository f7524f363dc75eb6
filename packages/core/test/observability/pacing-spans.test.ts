/**
 * Pacing waits in the span tree, with the SDK registered as a service would, against the simulator over
 * real HTTP: requests beyond the paced rate wait for a permit, and that wait is a child span of the
 * request.
 */
import { DEFAULT_APP, startZoomSimulator, type ZoomSimulator } from "@zoomkit/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createZoomClient } from "../../src/index.js";
import { childrenOf, registerSdk } from "./otel-sdk.js";

describe("OpenTelemetry: pacing waits", () => {
  let sim: ZoomSimulator;
  let sdk: ReturnType<typeof registerSdk>;
  beforeAll(async () => {
    sdk = registerSdk();
    sim = await startZoomSimulator();
  });
  afterAll(async () => {
    await sim.close();
    await sdk.stop();
  });

  it("shows a zoomkit.pacing_wait span under the requests that waited for a permit", async () => {
    const zoom = createZoomClient({
      ...DEFAULT_APP,
      baseUrl: sim.baseUrl,
      oauthUrl: sim.oauthUrl,
      pacing: { rates: { light: 2, medium: 2, heavy: 2, resourceIntensive: 1 } },
    });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => zoom.GET("/users/{userId}", { params: { path: { userId: "me" } } })),
    );
    await zoom.close();
    for (const { response } of answers) expect(response.status).toBe(200);

    const spans = sdk.spans.getFinishedSpans();
    const requests = spans.filter((span) => span.name === "GET /users/{userId}");
    expect(requests).toHaveLength(5);
    const waits = requests.flatMap((request) =>
      childrenOf(spans, request).filter((span) => span.name === "zoomkit.pacing_wait"),
    );
    expect(waits.length).toBeGreaterThan(0);
    for (const wait of waits) expect(wait.attributes["zoom.rate_limit.category"]).toBe("Light");
  });
});
