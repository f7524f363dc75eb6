/**
 * `startZoomSimulator`: a real HTTP server (Hono on Node's `http`) that answers like Zoom's token
 * endpoint and Meetings/Users API, with the control surface under `/__sim/`.
 */
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import { Hono } from "hono";
import { createControl, type SimulatorControl } from "./control.js";
import { exposedWarning, isLoopbackHost, loopbackHostOnly } from "./host-guard.js";
import { type SimEnv, zoomError } from "./http.js";
import type { SimulatorOptions } from "./options.js";
import { registerControl } from "./routes/control.js";
import { ZOOM_ROUTES } from "./routes/index.js";
import { Simulation } from "./simulation.js";
import type { SimulatorStats } from "./state/stats.js";

/**
 * Pending connections the kernel queues for `accept` (Linux caps it at net.core.somaxconn). Node's
 * default, 511, overflows when a fleet opens a thousand connections at once: the dropped handshakes
 * come back only after TCP's retransmit back-off (1, 3, 7 s ...), so whole processes sat idle for
 * seconds, which real Zoom never does to a client.
 */
const LISTEN_BACKLOG = 4096;

/** The answer header naming an API request for Zoom's support. */
const TRACKING_ID_HEADER = "x-zm-trackingid";

/** A running simulator. */
export interface ZoomSimulator {
  /** Root URL, e.g. `http://127.0.0.1:54321`. */
  url: string;
  /** API base, `url + "/v2"` (the client's `baseUrl`). */
  baseUrl: string;
  /** Token endpoint, `url + "/oauth/token"` (the client's `oauthUrl`). */
  oauthUrl: string;
  /** The seed behind `errorRate` and `dropRate`; pass it back as `seed` to replay a run. */
  seed: number;
  stats(): SimulatorStats;
  control: SimulatorControl;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/**
 * Starts a local Zoom on `host:port` (a free port by default).
 *
 * @example
 * ```ts
 * const zoom = await startZoomSimulator({ tokenTtlSeconds: 2 });
 * const client = createZoomClient({ ...DEFAULT_APP, baseUrl: zoom.baseUrl, oauthUrl: zoom.oauthUrl });
 * zoom.control.deactivateApp();
 * await zoom.close();
 * ```
 */
export async function startZoomSimulator(options: SimulatorOptions = {}): Promise<ZoomSimulator> {
  const sim = new Simulation(options);
  const control = createControl(sim);
  // Only an explicit non-loopback host serves other names; the default and loopback hosts refuse them.
  const exposed = options.host !== undefined && !isLoopbackHost(options.host);
  const app = buildApp(sim, control, exposed);
  const server = createAdaptorServer({
    fetch: app.fetch,
    overrideGlobalObjects: options.overrideGlobalObjects ?? false,
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port: options.port ?? 0, host, backlog: LISTEN_BACKLOG }, () => {
      server.off("error", reject);
      resolve();
    });
  });
  if (exposed) process.emitWarning(exposedWarning(host), { code: "ZOOMKIT_SIMULATOR_EXPOSED" });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  sim.url = url;
  sim.seedMeetings(options.meetings ?? []);
  sim.seedWebinars(options.webinars ?? []);
  let closed: Promise<void> | undefined;
  return {
    url,
    baseUrl: `${url}/v2`,
    oauthUrl: `${url}/oauth/token`,
    seed: sim.seed,
    stats: () => control.stats(),
    control,
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ("closeAllConnections" in server) server.closeAllConnections();
      });
      return closed;
    },
  };
}

function buildApp(sim: Simulation, control: SimulatorControl, exposed: boolean): Hono<SimEnv> {
  const app = new Hono<SimEnv>();
  if (!exposed) app.use("*", loopbackHostOnly());
  app.use("*", async (c, next) => {
    await next();
    if (c.get("dropped")) return;
    const zoomPath = !c.req.path.startsWith("/__sim/");
    // Node adds its own Date header unless the answer has one: the skewed clock replaces it.
    const skew = sim.switches.clockSkewMs;
    if (zoomPath && skew !== 0) c.res.headers.set("date", new Date(sim.now() + skew).toUTCString());
    // Zoom names every API answer for its support (`v=2.0;clid=us06;rid=WEB_...`); clients record it.
    if (c.req.path.startsWith("/v2/"))
      c.res.headers.set(TRACKING_ID_HEADER, `v=2.0;clid=sim;rid=SIM_${randomUUID()}`);
    const operation = c.get("operation");
    if (operation) sim.counters.call(operation, c.res.status);
    else if (zoomPath) sim.counters.call("unmatched", c.res.status);
  });
  for (const register of ZOOM_ROUTES) register(app, sim);
  registerControl(app, sim, control);
  app.notFound((c) => zoomError(c, 404, 404, `No such API path: ${c.req.method} ${c.req.path}.`));
  // A bug in the simulator must look like a Zoom 500, never a hung request.
  app.onError((_error, c) => zoomError(c, 500, 500, "Internal simulator error."));
  return app;
}
