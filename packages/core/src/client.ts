/**
 * `createZoomClient`: an openapi-fetch client over zoomkit's typed Zoom paths, whose fetch is the
 * request pipeline and whose tokens come from the token engine.
 */
import createClient, { type Client } from "openapi-fetch";
import type { ZoomHooks } from "./events.js";
import type { paths } from "./generated/zoom-api.js";
import { createPipelineFetch } from "./pipeline/fetch-pipeline.js";
import type { RateLimitOptions, RetryOptions } from "./pipeline/retry-policy.js";
import { createSimpleTokenProvider } from "./tokens/simple-provider.js";
import type { TokenProvider } from "./tokens/types.js";

/** Options of `createZoomClient`. */
export interface ZoomClientOptions {
  /** The Server-to-Server OAuth app's account id. */
  accountId: string;
  /** The app's client id. */
  clientId: string;
  /** The app's client secret. Never logged. */
  clientSecret: string;
  /** API base URL. @default "https://api.zoom.us/v2" */
  baseUrl?: string;
  /** Token endpoint. @default "https://zoom.us/oauth/token" */
  oauthUrl?: string;
  /** The fetch used for the API and the token endpoint. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Per-attempt timeout in ms. @default 30_000 */
  timeoutMs?: number;
  /** Retries after 5xx, network errors and timeouts (idempotent methods only unless `unsafeMethods`). */
  retry?: RetryOptions;
  /** Waiting out QPS rate limits (429); daily limits are returned at once. */
  rateLimit?: RateLimitOptions;
  /** Callbacks for retries, rate limits, timeouts and token events. */
  hooks?: ZoomHooks;
  /** Bring your own token provider (tests, custom engines). */
  tokens?: TokenProvider;
}

/** The typed Zoom client. */
export type ZoomClient = Client<paths> & {
  /** The token provider behind the client. */
  readonly tokens: TokenProvider;
};

/**
 * Creates a typed Zoom client.
 *
 * @example
 * const zoom = createZoomClient({ accountId, clientId, clientSecret });
 * const { data, error } = await zoom.POST("/users/{userId}/meetings", {
 *   params: { path: { userId: "host@example.com" } },
 *   body: { topic: "Standup", type: 2 },
 * });
 */
export function createZoomClient(options: ZoomClientOptions): ZoomClient {
  const baseFetch = options.fetch ?? globalThis.fetch;
  const tokens =
    options.tokens ??
    createSimpleTokenProvider({
      credentials: {
        accountId: options.accountId,
        clientId: options.clientId,
        clientSecret: options.clientSecret,
      },
      oauthUrl: options.oauthUrl ?? "https://zoom.us/oauth/token",
      fetch: baseFetch,
    });
  const pipeline = createPipelineFetch({
    fetch: baseFetch,
    tokens,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    ...(options.hooks ? { hooks: options.hooks } : {}),
  });
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? "https://api.zoom.us/v2",
    fetch: pipeline,
  });
  return Object.assign(client, { tokens });
}
