/**
 * The embedded default: with no Zoom credentials configured, a local Zoom (the simulator) runs in the
 * app's process with its seeded app and host, so `pnpm start` works on a fresh clone with nothing to set up.
 */

import type { ZoomConfig } from "@zoomkit/env";
import { DEFAULT_APP, DEFAULT_USERS, type SeedMeeting, startZoomSimulator } from "@zoomkit/simulator";

/** The running simulator, seen as the Zoom the app talks to. */
export interface EmbeddedZoom {
  zoom: ZoomConfig;
  /** Email of the seeded host user. */
  host: string;
  simulatorUrl: string;
  /** Points the simulator's signed webhook events at `url`. */
  sendWebhooksTo(url: string, secretToken: string): Promise<void>;
  close(): Promise<void>;
}

/** Options of `startEmbeddedZoom`. */
export interface EmbeddedZoomOptions {
  /** Meetings to seed, given the seeded host's email. @default none */
  meetings?: (host: string) => SeedMeeting[];
}

/**
 * Starts the simulator on a free loopback port.
 *
 * @example
 * const embedded = await startEmbeddedZoom();
 * const client = createZoomClient({ ...zoomClientOptions(embedded.zoom), store });
 */
export async function startEmbeddedZoom(options: EmbeddedZoomOptions = {}): Promise<EmbeddedZoom> {
  const host = DEFAULT_USERS[0]?.email ?? "host@example.com";
  const simulator = await startZoomSimulator({
    port: 0,
    host: "127.0.0.1",
    ...(options.meetings ? { meetings: options.meetings(host) } : {}),
  });
  return {
    zoom: {
      accountId: DEFAULT_APP.accountId,
      clientId: DEFAULT_APP.clientId,
      clientSecret: DEFAULT_APP.clientSecret,
      apiUrl: simulator.baseUrl,
      oauthUrl: simulator.oauthUrl,
    },
    host,
    simulatorUrl: simulator.url,
    async sendWebhooksTo(url, secretToken) {
      await simulator.control.set({ webhook: { url, secretToken } });
    },
    close: () => simulator.close(),
  };
}
