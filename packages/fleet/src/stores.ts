/**
 * The token store a worker opens for itself: its own connection, as every process of a real fleet has.
 * Store packages are imported on demand: a worker loads only its own driver, which keeps a 16-process
 * start on 2 cores short.
 */
import { createMemoryStore, type TokenStore } from "@zoomkit/core";
import type { StoreConfig } from "./protocol.js";

/** Opens the store described by `config`. The caller closes it. */
export async function openStore(config: StoreConfig): Promise<TokenStore> {
  switch (config.kind) {
    case "redis": {
      const { createRedisStore } = await import("@zoomkit/store-redis");
      return createRedisStore({
        url: config.url,
        namespace: config.namespace,
        ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
      });
    }
    case "postgres": {
      const { createPostgresStore } = await import("@zoomkit/store-postgres");
      return createPostgresStore({
        connectionString: config.connectionString,
        schema: config.schema,
        maxConnections: config.maxConnections ?? 1,
        // The parent migrates once before the fleet starts (store-postgres README).
        autoMigrate: false,
        ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
      });
    }
    case "memory":
      return createMemoryStore();
  }
}
