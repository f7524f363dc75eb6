/**
 * The token store a worker opens for itself: its own connection, as every process of a real fleet has.
 * `@zoomkit/store-url` imports a store package only when its URL is used: a worker loads only its own
 * driver, which keeps a 16-process start on 2 cores short.
 */
import type { TokenStore } from "@zoomkit/core";
import { createStoreFromUrl, type StoreFromUrlOptions } from "@zoomkit/store-url";
import type { StoreConfig } from "./protocol.js";

/** The URL and options `config` stands for. */
function storeUrlOf(config: StoreConfig): [url: string, options: StoreFromUrlOptions] {
  switch (config.kind) {
    case "redis":
      return [config.url, { namespace: config.namespace, timeoutMs: config.timeoutMs }];
    case "postgres":
      // The parent migrates once before the fleet starts (store-postgres README).
      return [
        config.connectionString,
        {
          namespace: config.schema,
          maxConnections: config.maxConnections ?? 1,
          autoMigrate: false,
          timeoutMs: config.timeoutMs,
        },
      ];
    case "memory":
      return ["memory", {}];
  }
}

/** Opens the store described by `config`. The caller closes it. */
export async function openStore(config: StoreConfig): Promise<TokenStore> {
  return createStoreFromUrl(...storeUrlOf(config));
}
