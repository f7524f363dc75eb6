// What a fleet of @zoom/rivet workers needs to reach the simulator: Rivet's token URL is the constant
// https://zoom.us/oauth/token (its API base URL is an option, set in the worker), so its workers run with
// HTTPS_PROXY pointing at a zoom.us stand-in that forwards the token request to this run's simulator,
// and NODE_EXTRA_CA_CERTS trusting the stand-in's throwaway certificate (read at process start, hence
// the workers' environment). No Rivet code is changed. See ../../core/bench/zoom-us/stand-in.mjs.
import { makeZoomUsCertificate, startZoomUsStandIn } from "../../core/bench/zoom-us/stand-in.mjs";

let certificate;

/** Starts a stand-in for `sim`; resolves the workers' environment and how to stop it. */
export async function rivetEnvironment(sim) {
  if (!certificate) {
    certificate = makeZoomUsCertificate();
    process.once("exit", () => certificate.remove());
  }
  const standIn = await startZoomUsStandIn({ ...certificate, oauthUrl: sim.oauthUrl });
  return {
    env: {
      HTTPS_PROXY: standIn.proxyUrl,
      NO_PROXY: "127.0.0.1,localhost",
      NODE_EXTRA_CA_CERTS: certificate.certPath,
    },
    tokenRequests: () => standIn.tokenRequests(),
    close: () => standIn.close(),
  };
}
