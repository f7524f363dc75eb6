// The fake Zoom of the client-overhead benchmark, in a process of its own (started with `fork` by the
// client process), so the client process's `process.cpuUsage()` counts the client's CPU only: the
// simulator (API and token endpoint) and the zoom.us stand-in for Rivet's hard-coded token URL.
// Protocol over IPC: it sends `{ baseUrl, oauthUrl, proxyUrl }` once listening; answers "stats" with
// the simulator's counters; "close" stops it.
import { startZoomSimulator } from "@zoomkit/simulator";
import { startZoomUsStandIn } from "../zoom-us/stand-in.mjs";

const { certPath, keyPath } = JSON.parse(process.argv[2] ?? "{}");
// Its own process: the simulator may swap in @hono/node-server's lighter Request and Response.
const sim = await startZoomSimulator({ overrideGlobalObjects: true });
// Without a certificate (a run without Rivet) there is no stand-in.
const standIn = certPath
  ? await startZoomUsStandIn({ certPath, keyPath, oauthUrl: sim.oauthUrl })
  : undefined;

process.on("message", async (message) => {
  if (message === "stats") {
    const { mints, calls, unauthorized, rateLimited } = sim.stats();
    process.send({
      mints,
      calls,
      unauthorized,
      rateLimited,
      zoomUsTokenRequests: standIn?.tokenRequests() ?? 0,
    });
  }
  if (message === "close") {
    await standIn?.close();
    await sim.close();
    process.exit(0);
  }
});
// A fake Zoom whose client is gone has no one to serve.
process.on("disconnect", () => process.exit(0));
process.send({ baseUrl: sim.baseUrl, oauthUrl: sim.oauthUrl, proxyUrl: standIn?.proxyUrl });
