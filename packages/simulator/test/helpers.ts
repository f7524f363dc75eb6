import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import type { SimulatorApp, SimulatorOptions } from "../src/index.js";
import { DEFAULT_APP, DEFAULT_USERS, startZoomSimulator, type ZoomSimulator } from "../src/index.js";

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

/** The status of an API call with a token (by default `GET /users/me`). */
export async function apiStatus(
  sim: ZoomSimulator,
  token: string,
  method = "GET",
  path = "/users/me",
  body?: unknown,
): Promise<number> {
  return (await api(sim, method, path, { token, body })).status;
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

/**
 * One simulator for a whole file, reset before each test, with a fresh token: for files that exercise the
 * API rather than the simulator's life cycle. `create` makes a meeting and expects 201.
 */
export function sharedSimulatorWithToken(options: SimulatorOptions = {}): {
  readonly sim: ZoomSimulator;
  readonly token: string;
  create(body?: unknown, userId?: string): Promise<Record<string, unknown>>;
} {
  let sim: ZoomSimulator | undefined;
  let token = "";
  beforeAll(async () => {
    sim = await startZoomSimulator(options);
  });
  beforeEach(async () => {
    sim!.control.reset();
    token = await mint(sim!);
  });
  afterAll(() => sim?.close());
  return {
    get sim() {
      return sim!;
    },
    get token() {
      return token;
    },
    async create(body = { topic: "Standup" }, userId = DEFAULT_USERS[0]!.email) {
      const response = await api(sim!, "POST", `/users/${encodeURIComponent(userId)}/meetings`, {
        token,
        body,
      });
      expect(response.status).toBe(201);
      return json(response);
    },
  };
}
