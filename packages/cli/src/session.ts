/**
 * What every command starts from: the environment read by `@zoomkit/env` exactly as the apps read it,
 * the fleet's store, and a Zoom client whose tokens come from the same token engine as the fleet's
 * (same keys, lease, budget and circuit), so a diagnosis never adds a mint storm.
 */
import { createZoomClient, type TokenStore, type ZoomClient } from "@zoomkit/core";
import {
  ConfigError,
  describeStore,
  openStore,
  parseEnv,
  type SharedConfig,
  sharedConfig,
  sharedEnvShape,
  type ZoomConfig,
  zoomClientOptions,
} from "@zoomkit/env";
import { z } from "zod";
import type { Output } from "./report.js";

/** The Date headers seen, to compare Zoom's clock with ours. */
export interface ClockSample {
  /** `oauth`: the token endpoint; `api`: the API. */
  readonly from: "oauth" | "api";
  /** Zoom's `Date` header (whole seconds). */
  readonly zoomAt: number;
  /** Our clock when the answer arrived. */
  readonly localAt: number;
}

export interface Session {
  readonly zoom: ZoomConfig;
  readonly config: SharedConfig;
  readonly store: TokenStore;
  /** The store for people (password masked). */
  readonly storeLabel: string;
  readonly client: ZoomClient;
  readonly clock: ClockSample[];
  /** The fetch the client uses (records Date headers). */
  readonly fetch: typeof fetch;
  close(): Promise<void>;
}

/** The environment could not describe a Zoom app: the problems, by variable. */
export class SessionConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join("; "));
    this.name = "SessionConfigError";
    this.problems = problems;
  }
}

/** Reads the environment (the variables the apps read). Throws `SessionConfigError` with every problem. */
export function readConfig(env: Record<string, string | undefined>): SharedConfig & { zoom: ZoomConfig } {
  let config: SharedConfig;
  try {
    config = sharedConfig(parseEnv(z.object(sharedEnvShape), env));
  } catch (error) {
    if (error instanceof ConfigError) throw new SessionConfigError(error.problems);
    throw error;
  }
  if (config.problems.length > 0) throw new SessionConfigError(config.problems);
  if (!config.zoom) {
    throw new SessionConfigError([
      "ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET: required (zoomkit works on the app your services use: give it their environment)",
    ]);
  }
  return config as SharedConfig & { zoom: ZoomConfig };
}

/** Opens the store and the client. The secret and token keys are concealed from `output` at once. */
export async function openSession(
  env: Record<string, string | undefined>,
  output: Output,
  baseFetch: typeof fetch = globalThis.fetch,
): Promise<Session> {
  output.conceal(env.ZOOM_CLIENT_SECRET?.trim());
  for (const key of (env.ZOOMKIT_TOKEN_KEY ?? "").split(",")) output.conceal(key.trim());
  const config = readConfig(env);
  const clock: ClockSample[] = [];
  const oauthOrigin = new URL(config.zoom.oauthUrl).origin;
  const recording: typeof fetch = async (input, init) => {
    const response = await baseFetch(input, init);
    const date = Date.parse(response.headers.get("date") ?? "");
    if (Number.isFinite(date)) {
      const url = input instanceof Request ? input.url : String(input);
      clock.push({ from: url.startsWith(oauthOrigin) ? "oauth" : "api", zoomAt: date, localAt: Date.now() });
    }
    return response;
  };
  const store = await openStore(config.store);
  const client = createZoomClient({
    ...zoomClientOptions(config.zoom, config.tokenKeys),
    store,
    fetch: recording,
    // One attempt, and no waiting out rate limits: a diagnosis reports what it meets.
    retry: { maxRetries: 0 },
    rateLimit: { maxRetries: 0 },
    timeoutMs: 15_000,
  });
  return {
    zoom: config.zoom,
    config,
    store,
    storeLabel: describeStore(config.store),
    client,
    clock,
    fetch: recording,
    async close() {
      await client.close();
      await store.close();
    },
  };
}
