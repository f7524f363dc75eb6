/**
 * `createZoomClient`: an openapi-fetch client over zoomkit's typed Zoom paths (or any generated `paths`),
 * whose fetch is the request pipeline and whose tokens come from the token engine. `withPaths` gives
 * more typed views over the same pipeline, so one token provider and one set of options serve several
 * of Zoom's products in one process.
 */
import createClient, { type Client } from "openapi-fetch";
import { allowedOrigins, DEFAULT_API_BASE, regionalApiUrl } from "./api-url.js";
import { ZoomConfigError } from "./errors.js";
import type { ZoomHooks } from "./events.js";
import type { paths } from "./generated/zoom-api.js";
import { type PacingOptions, resolvePacing } from "./pacing/options.js";
import { createPacer } from "./pacing/pacer.js";
import { pathParameterGuard } from "./path-guard.js";
import { createPipelineFetch } from "./pipeline/fetch-pipeline.js";
import { PipelineRequest } from "./pipeline/pipeline-request.js";
import type { RateLimitOptions, RetryOptions } from "./pipeline/retry-policy.js";
import { createMemoryStore } from "./stores/memory-store.js";
import type { EncryptionKeys } from "./tokens/key-ring.js";
import { createTokenProvider, type ZoomTokenProvider } from "./tokens/token-provider.js";
import type { TokenProvider, TokenStore } from "./tokens/types.js";

/** Options of `createZoomClient`. */
export interface ZoomClientOptions {
  /** The Server-to-Server OAuth app's account id. */
  accountId: string;
  /** The app's client id. */
  clientId: string;
  /**
   * The app's client secret, or a function returning the current one (a rotated secret is picked up
   * without a restart: new cache key, new token). Never logged.
   */
  clientSecret: string | (() => string);
  /** Where tokens are shared across processes. @default createMemoryStore() (this process only) */
  store?: TokenStore;
  /**
   * 32-byte key (Uint8Array, 64 hex chars or base64): the store only sees AES-256-GCM ciphertext.
   * Several (a list, or comma-separated as in `ZOOMKIT_TOKEN_KEY`) rotate it: the first seals, all open.
   */
  encryptionKey?: EncryptionKeys;
  /** Most tokens per credential per rolling hour, fleet-wide, before `mint_budget_exhausted`. @default 100 */
  mintBudgetPerHour?: number;
  /**
   * API base URL, or `"auto"`: the host the token reply names as `api_url` (the account's regional
   * host), plus `/v2`, when it is an https Zoom host (`zoom.us`, `*.zoom.us`) or in `apiUrlAllowList`;
   * any other host is refused (`ZoomRequestError` `untrusted_api_url`, nothing sent). A reply without
   * `api_url` uses the default. @default "https://api.zoom.us/v2"
   */
  baseUrl?: string;
  /**
   * With `baseUrl: "auto"`: further origins (`http://127.0.0.1:4010`) a token's `api_url` may name, for
   * a simulator or a proxy. Only origins: scheme, host and port.
   */
  apiUrlAllowList?: readonly string[];
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
  /** Bring your own token provider (tests, custom engines, a tuned `createTokenProvider`). */
  tokens?: TokenProvider;
  /**
   * Prefix of the store keys the client writes: its token engine's and its pacer's, so two clients
   * with different prefixes share nothing on one store. With your own `tokens`, give the same prefix
   * as to that provider: the pacer uses this one. No `{` or `}` (they would break the Redis Cluster
   * hash tag). @default "zoomkit:"
   */
  keyPrefix?: string;
  /**
   * Paces requests across the fleet to the account's rate limits (off by default): a plan's limits
   * (`{ plan: "pro" }`) or explicit ones (`{ rates: { light, medium, heavy, resourceIntensive } }`),
   * shared through the store. A call that cannot get a permit in time gets a 429 like Zoom's.
   */
  pacing?: PacingOptions;
}

/**
 * The typed Zoom client: an openapi-fetch `Client` of `Paths` (zoomkit's own by default) with the token
 * provider behind it.
 */
export type ZoomClient<
  Paths extends {} = paths,
  Tokens extends TokenProvider = ZoomTokenProvider,
> = Client<Paths> & {
  /** The token provider behind the client: `getToken()`, `stats()`. */
  readonly tokens: Tokens;
  /**
   * The same client typed by other generated `paths` (another of Zoom's products, or Zoom's whole
   * description): same pipeline, token provider, hooks, timeouts, retries, rate limits and base URL.
   * Nothing new is created but the typed wrapper; `close()` on any view closes the one provider.
   */
  withPaths<Other extends {}>(): ZoomClient<Other, Tokens>;
  /**
   * Closes the token provider the client created (a provider passed as `tokens` is the caller's to
   * close): its lease is released, renewals stop, nothing keeps the process alive. Idempotent.
   */
  close(): Promise<void>;
};

/**
 * Creates a typed Zoom client, typed by zoomkit's own paths unless given others
 * (`createZoomClient<PhonePaths>(...)`, paths generated with `zoomkit-generate`).
 *
 * @example
 * const zoom = createZoomClient({ accountId, clientId, clientSecret });
 * const { data, error } = await zoom.POST("/users/{userId}/meetings", {
 *   params: { path: { userId: "host@example.com" } },
 *   body: { topic: "Standup", type: 2 },
 * });
 * const phone = zoom.withPaths<PhonePaths>(); // same tokens and pipeline, Zoom Phone's types
 */
export function createZoomClient<Paths extends {} = paths>(
  options: ZoomClientOptions & { tokens?: undefined },
): ZoomClient<Paths>;
export function createZoomClient<Paths extends {} = paths, Tokens extends TokenProvider = TokenProvider>(
  options: ZoomClientOptions & { tokens: Tokens },
): ZoomClient<Paths, Tokens>;
export function createZoomClient(options: ZoomClientOptions): ZoomClient<paths, TokenProvider> {
  const auto = options.baseUrl === "auto";
  if (options.apiUrlAllowList !== undefined && !auto)
    throw new ZoomConfigError("apiUrlAllowList", 'apiUrlAllowList only applies with baseUrl: "auto".');
  // Checked before anything is created, so a bad option leaves nothing running.
  const allowed = auto ? allowedOrigins(options.apiUrlAllowList) : undefined;
  const { keyPrefix } = options;
  if (keyPrefix !== undefined && (typeof keyPrefix !== "string" || /[{}]/.test(keyPrefix)))
    throw new ZoomConfigError(
      "keyPrefix",
      "keyPrefix must be a string without { or } (they would break the Redis Cluster hash tag).",
    );
  const baseFetch = options.fetch ?? globalThis.fetch;
  const tokens =
    options.tokens ??
    createTokenProvider({
      accountId: options.accountId,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      oauthUrl: options.oauthUrl ?? "https://zoom.us/oauth/token",
      fetch: baseFetch,
      ...(options.store ? { store: options.store } : {}),
      ...(options.encryptionKey !== undefined ? { encryptionKey: options.encryptionKey } : {}),
      ...(options.mintBudgetPerHour !== undefined ? { mintBudgetPerHour: options.mintBudgetPerHour } : {}),
      ...(keyPrefix !== undefined ? { keyPrefix } : {}),
      ...(options.hooks ? { hooks: options.hooks } : {}),
    });
  const pacer = options.pacing === undefined ? undefined : clientPacer(options, tokens);
  const pipeline = createPipelineFetch({
    fetch: baseFetch,
    tokens,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    ...(options.hooks ? { hooks: options.hooks } : {}),
    ...(pacer ? { pacer } : {}),
  });
  const owned = options.tokens === undefined ? (tokens as ZoomTokenProvider) : undefined;
  const close = async (): Promise<void> => {
    pacer?.close();
    await owned?.close();
  };
  const baseUrl = auto ? DEFAULT_API_BASE : (options.baseUrl ?? DEFAULT_API_BASE);
  const regional = allowed ? regionalApiUrl(tokens, allowed) : undefined;
  // Every view is a thin openapi-fetch wrapper over the one pipeline: the types differ, nothing else.
  const view = <Paths extends {}>(): ZoomClient<Paths, TokenProvider> => {
    // PipelineRequest keeps each body as given, so a retry sends it again without a clone per request.
    const client = createClient<Paths>({ baseUrl, fetch: pipeline, Request: PipelineRequest });
    client.use(pathParameterGuard);
    if (regional) client.use(regional);
    return Object.assign(client, { tokens, close, withPaths: view });
  };
  return view<paths>();
}

/**
 * The pacer of `options.pacing`, on its store, the client's store, or the token provider's, under the
 * client's `keyPrefix`.
 */
function clientPacer(options: ZoomClientOptions, tokens: TokenProvider) {
  const pacing = options.pacing!;
  const store =
    pacing.store ?? options.store ?? (tokens as Partial<ZoomTokenProvider>).store ?? createMemoryStore();
  return createPacer({
    store,
    accountId: options.accountId,
    // The token engine's default too: a client without the option keeps the keys it always had.
    keyPrefix: options.keyPrefix ?? "zoomkit:",
    pacing: resolvePacing(pacing, options.rateLimit?.maxWaitMs ?? 15_000),
    hooks: options.hooks,
    now: Date.now,
  });
}
