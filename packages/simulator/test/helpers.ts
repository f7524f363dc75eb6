import { afterEach } from "vitest";
import { DEFAULT_APP } from "../src/defaults.js";
import { startZoomSimulator } from "../src/index.js";
import type { ZoomSimulator } from "../src/server.js";
import type { SimulatorApp, SimulatorOptions } from "../src/types.js";

export function basic(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`;
}

/** Posts to the token endpoint with a form body, like Zoom's own SDK. */
export async function tokenRequest(
  sim: ZoomSimulator,
  app: SimulatorApp = DEFAULT_APP,
  params: Record<string, string> = { grant_type: "account_credentials", account_id: app.accountId },
): Promise<Response> {
  return fetch(sim.oauthUrl, {
    method: "POST",
    headers: {
      authorization: basic(app.clientId, app.clientSecret),
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(params),
  });
}

/** Mints a token and returns it; fails the test when minting fails. */
export async function mint(sim: ZoomSimulator, app: SimulatorApp = DEFAULT_APP): Promise<string> {
  const response = await tokenRequest(sim, app);
  if (response.status !== 200) throw new Error(`mint failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

export interface ApiCall {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Calls `/v2{path}` with a Bearer token and a JSON body. */
export async function api(
  sim: ZoomSimulator,
  method: string,
  path: string,
  call: ApiCall = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...call.headers };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  let body: string | undefined;
  if (call.body !== undefined) {
    body = typeof call.body === "string" ? call.body : JSON.stringify(call.body);
    headers["content-type"] ??= "application/json";
  }
  return fetch(`${sim.baseUrl}${path}`, { method, headers, body });
}

export async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

/** Calls the HTTP control surface. */
export async function simPost(sim: ZoomSimulator, path: string, body?: unknown): Promise<Response> {
  return fetch(`${sim.url}/__sim${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A hand-moved clock for expiry, grace periods and daily resets, so no test waits on wall time. */
export function manualClock(start = Date.UTC(2025, 0, 15, 12, 0, 0)): {
  now: () => number;
  advance: (ms: number) => void;
  set: (t: number) => void;
} {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
    set: (value) => {
      t = value;
    },
  };
}

/** A fresh simulator per test, closed after it: `const start = simulatorPerTest();` at the top of a file. */
export function simulatorPerTest(): (options?: SimulatorOptions) => Promise<ZoomSimulator> {
  let sim: ZoomSimulator | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });
  return async (options = {}) => {
    sim = await startZoomSimulator(options);
    return sim;
  };
}
