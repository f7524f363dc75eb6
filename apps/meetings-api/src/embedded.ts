/**
 * The embedded default: with no Zoom credentials configured, a local Zoom (the simulator) runs in this
 * process with its seeded app and host, so `pnpm start` works on a fresh clone with nothing to set up.
 */
import { randomBytes } from "node:crypto";
import { DEFAULT_APP, DEFAULT_USERS, startZoomSimulator } from "@zoomkit/simulator";
import type { ZoomConfig } from "./config.js";

/** The running simulator, seen as the Zoom the service talks to. */
export interface EmbeddedZoom {
  zoom: ZoomConfig;
  /** Email of the seeded host user, for the banner's example. */
  host: string;
  simulatorUrl: string;
  /** Points the simulator's signed webhook events at this service. */
  sendWebhooksTo(url: string, secretToken: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts the simulator on a free loopback port. */
export async function startEmbeddedZoom(): Promise<EmbeddedZoom> {
  const simulator = await startZoomSimulator({ port: 0, host: "127.0.0.1" });
  return {
    zoom: {
      accountId: DEFAULT_APP.accountId,
      clientId: DEFAULT_APP.clientId,
      clientSecret: DEFAULT_APP.clientSecret,
      apiUrl: simulator.baseUrl,
      oauthUrl: simulator.oauthUrl,
    },
    host: DEFAULT_USERS[0]?.email ?? "host@example.com",
    simulatorUrl: simulator.url,
    async sendWebhooksTo(url, secretToken) {
      await simulator.control.set({ webhook: { url, secretToken } });
    },
    close: () => simulator.close(),
  };
}

/** A random secret for generated API keys and the embedded webhook secret. */
export function generateSecret(): string {
  return randomBytes(24).toString("base64url");
}
