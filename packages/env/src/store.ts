/**
 * Opens the configured token store through `@zoomkit/store-url`, which imports a store package only when
 * its URL is chosen, so an app on the memory store never loads a Redis or Postgres driver.
 */
import { redactUrl, type TokenStore } from "@zoomkit/core";
import { createStoreFromUrl, describeStoreUrl } from "@zoomkit/store-url";
import type { StoreConfig } from "./config.js";

function urlOf(config: StoreConfig): string {
  return config.kind === "memory" ? "memory" : config.url;
}

/**
 * Opens the store `config` names; the namespace is the Redis key namespace or the Postgres schema.
 *
 * @example
 * const store = await openStore({ kind: "redis", url: "redis://127.0.0.1:6379", namespace: "meetings" });
 */
export async function openStore(config: StoreConfig): Promise<TokenStore> {
  return createStoreFromUrl(urlOf(config), config.namespace ? { namespace: config.namespace } : {});
}

/**
 * The store for logs and the banner: kind, host, port and database, with the user and password masked
 * and the query string (`?password=`, `sslpassword=`...) dropped.
 *
 * @example
 * describeStore({ kind: "postgres", url: "postgres://app:pw@db:5432/zoom?password=pw" });
 * // "postgres postgres://***:***@db:5432/zoom"
 */
export function describeStore(config: StoreConfig): string {
  if (config.kind === "memory") return "memory (this process only)";
  const url = redactUrl(describeStoreUrl(config.url));
  return `${config.kind} ${url}${config.namespace ? ` (namespace ${config.namespace})` : ""}`;
}
