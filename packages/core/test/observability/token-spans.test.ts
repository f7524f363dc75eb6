/**
 * The token engine's spans, with the SDK registered as a service would, against the simulator over real
 * HTTP: two clients on one store ask for a token at once while the token endpoint is slow; one mints
 * under the lease, the other waits for that lease, each under its own request's span.
 */
import { DEFAULT_APP, startZoomSimulator, type ZoomSimulator } from "@zoomkit/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryStore, createZoomClient } from "../../src/index.js";
import { childrenOf, registerSdk } from "./otel-sdk.js";

describe("OpenTelemetry: token waits, mints and lease waits", () => {
  let sim: ZoomSimulator;
  let sdk: ReturnType<typeof registerSdk>;
  beforeAll(async () => {
    sdk = registerSdk();
    sim = await startZoomSimulator({ token: { latencyMs: 300 } });
  });
  afterAll(async () => {
    await sim.close();
    await sdk.stop();
  });

  it("shows one mint under one request and a lease wait under the other", async () => {
    const store = createMemoryStore();
    const clients = [0, 1].map(() =>
      createZoomClient({ ...DEFAULT_APP, baseUrl: sim.baseUrl, oauthUrl: sim.oauthUrl, store }),
    );
    const answers = await Promise.all(
      clients.map((zoom) => zoom.GET("/users/{userId}", { params: { path: { userId: "me" } } })),
    );
    for (const { response } of answers) expect(response.status).toBe(200);
    await Promise.all(clients.map((zoom) => zoom.close()));
    await store.close();

    const spans = sdk.spans.getFinishedSpans();
    const requests = spans.filter((span) => span.name === "GET /users/{userId}");
    expect(requests).toHaveLength(2);
    const waits = requests.map((request) =>
      childrenOf(spans, request).find((s) => s.name === "zoomkit.token.wait"),
    );
    for (const wait of waits) expect(wait?.attributes["zoomkit.token.wait.reason"]).toBe("no_token");
    const under = waits.map((wait) => childrenOf(spans, wait!).map((span) => span.name));
    expect(under.map((names) => names.includes("zoomkit.token.mint")).sort()).toEqual([false, true]);
    expect(under.find((names) => !names.includes("zoomkit.token.mint"))).toContain(
      "zoomkit.token.lease_wait",
    );
    const mints = spans.filter((span) => span.name === "zoomkit.token.mint");
    expect(mints.map((span) => span.attributes["zoomkit.mint.reason"])).toEqual(["cold"]);
    expect(sim.stats().mints[DEFAULT_APP.clientId]).toBe(1);
  });
});
