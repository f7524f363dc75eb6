import { parseStoreUrl } from "./parse-store-url.js";

/**
 * The store URL as logs and banners may show it: the password replaced by `***`, a query string (which
 * can carry credentials such as `password=` or `sslkey=`) dropped.
 *
 * @throws {StoreUrlError} as {@link parseStoreUrl} does.
 * @example
 * ```ts
 * describeStoreUrl("redis://app:s3cret@cache:6379/0"); // "redis://app:***@cache:6379/0"
 * ```
 */
export function describeStoreUrl(url: string): string {
  const parsed = parseStoreUrl(url);
  if (parsed.kind === "memory") return "memory";
  const shown = new URL(parsed.url);
  if (shown.password !== "") shown.password = "***";
  shown.search = "";
  shown.hash = "";
  return shown.toString();
}
