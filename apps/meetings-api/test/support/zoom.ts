/** A simulator per suite, and the environment that points the API at it in real mode. */
import { randomBytes } from "node:crypto";
import { DEFAULT_APP, DEFAULT_USERS, startZoomSimulator, type ZoomSimulator } from "@zoomkit/simulator";

export const HOST = "host@example.com";

export function randomKey(): string {
  return randomBytes(18).toString("base64url");
}

/** The suite's `ZOOMKIT_TOKEN_KEY` (32 bytes, base64) and `METRICS_TOKEN`. */
export const TOKEN_KEY = randomBytes(32).toString("base64");
export const METRICS_TOKEN = randomKey();

/** A simulator with the default app and users, plus `extraHosts` (emails) as more users. */
export async function startSimulator(
  options: { extraHosts?: readonly string[] } = {},
): Promise<ZoomSimulator> {
  const extra = (options.extraHosts ?? []).map((email, index) => ({
    id: `extraHost${index}xxxxxxxxxx`,
    email,
  }));
  return startZoomSimulator({ port: 0, host: "127.0.0.1", users: [...DEFAULT_USERS, ...extra] });
}

/**
 * Real-mode environment: the simulator's URLs, the default app's credentials, the suite's token key
 * and metrics token.
 */
export function realModeEnv(sim: ZoomSimulator, extra: Record<string, string>): Record<string, string> {
  return {
    ZOOMKIT_TOKEN_KEY: TOKEN_KEY,
    METRICS_TOKEN,
    ZOOM_ACCOUNT_ID: DEFAULT_APP.accountId,
    ZOOM_CLIENT_ID: DEFAULT_APP.clientId,
    ZOOM_CLIENT_SECRET: DEFAULT_APP.clientSecret,
    ZOOM_API_URL: sim.baseUrl,
    ZOOM_OAUTH_URL: sim.oauthUrl,
    ...extra,
  };
}

/** A meeting body this API accepts. */
export function meetingInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    host: HOST,
    topic: "Quarterly planning",
    startTime: "2030-01-15T09:30:00+01:00",
    duration: 45,
    timezone: "Europe/Berlin",
    settings: { waitingRoom: true, autoRecording: "none" },
    ...overrides,
  };
}
