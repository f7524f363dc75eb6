/**
 * Opens the configured token store. Each store package is imported only when chosen, so an app on the
 * memory store never loads a Redis or Postgres driver.
 */
import type { TokenStore } from "@zoomkit/core";
import type { StoreConfig } from "./config.js";

/**
 * Opens the store `config` names.
 *
 * @example
 * const store = await openStore({ kind: "redis", url: "redis://127.0.0.1:6379", namespace: "meetings" });
 */
export async function openStore(config: StoreConfig): Promise<TokenStore> {
  switch (config.kind) {
    case "memory": {
      const { createMemoryStore } = await import("@zoomkit/store-memory");
      return createMemoryStore();
    }
    case "redis": {
      const { createRedisStore } = await import("@zoomkit/store-redis");
      return createRedisStore({
        url: config.url,
        ...(config.namespace ? { namespace: config.namespace } : {}),
      });
    }
    case "postgres": {
      const { createPostgresStore } = await import("@zoomkit/store-postgres");
      return createPostgresStore({
        connectionString: config.url,
        ...(config.namespace ? { schema: config.namespace } : {}),
      });
    }
  }
}

/** The store's URL with any password replaced, for logs and the banner. */
export function describeStore(config: StoreConfig): string {
  if (config.kind === "memory") return "memory (this process only)";
  const url = new URL(config.url);
  if (url.password) url.password = "***";
  return `${config.kind} ${url.toString()}${config.namespace ? ` (namespace ${config.namespace})` : ""}`;
}
