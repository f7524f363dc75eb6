import { createMemoryStore, type TokenStore } from "@zoomkit/core";
import { loadPostgresStore, loadRedisStore } from "./load-store-package.js";
import { parseStoreUrl } from "./parse-store-url.js";

/** Options for {@link createStoreFromUrl}; each store applies the ones that concern it. */
export interface StoreFromUrlOptions {
  /**
   * Keeps services that share one server apart: the Redis key namespace, or the Postgres schema (a
   * plain identifier). Ignored by `memory`.
   * @default none for Redis (keys as the client makes them), the `public` schema for Postgres
   */
  namespace?: string;
  /**
   * Bound on every store call, in milliseconds. Ignored by `memory`.
   * @default 2000
   */
  timeoutMs?: number;
  /**
   * Postgres only: connections in the store's pool.
   * @default 4
   */
  maxConnections?: number;
  /**
   * Postgres only: create the schema and table on first use. Turn off when a deploy step migrates.
   * @default true
   */
  autoMigrate?: boolean;
}

/**
 * Opens the token store a URL names: `memory` (this process only), `redis://` or `rediss://`
 * (`@zoomkit/store-redis`), `postgres://` or `postgresql://` (`@zoomkit/store-postgres`). A store package
 * is loaded only when its URL is used, so only the one a service uses has to be installed. The caller
 * closes the store.
 *
 * @throws {StoreUrlError} `store_url_invalid` or `store_url_unsupported` for a URL that names no store,
 * `store_package_missing` when the store package is not installed; never with the URL in the message.
 * @example
 * ```ts
 * const store = await createStoreFromUrl(process.env.ZOOMKIT_STORE ?? "memory", { namespace: "billing" });
 * const zoom = createZoomClient({ accountId, clientId, clientSecret, store });
 * ```
 */
export async function createStoreFromUrl(
  url: string,
  options: StoreFromUrlOptions = {},
): Promise<TokenStore> {
  const parsed = parseStoreUrl(url);
  const { namespace, timeoutMs, maxConnections, autoMigrate } = options;
  switch (parsed.kind) {
    case "memory":
      return createMemoryStore();
    case "redis": {
      const { createRedisStore } = await loadRedisStore();
      return createRedisStore({
        url: parsed.url,
        ...(namespace !== undefined ? { namespace } : {}),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      });
    }
    case "postgres": {
      const { createPostgresStore } = await loadPostgresStore();
      return createPostgresStore({
        connectionString: parsed.url,
        ...(namespace !== undefined ? { schema: namespace } : {}),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        ...(maxConnections !== undefined ? { maxConnections } : {}),
        ...(autoMigrate !== undefined ? { autoMigrate } : {}),
      });
    }
  }
}
