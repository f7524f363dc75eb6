/**
 * Which store a URL names, decided from its scheme alone (nothing is loaded or connected), so a
 * service can reject a bad setting when it reads its configuration.
 */
import { StoreUrlError } from "./errors.js";

/** A store URL, classified. `url` is the caller's text, unchanged (it may hold a password). */
export type StoreUrl =
  | { kind: "memory" }
  | { kind: "redis"; url: string }
  | { kind: "postgres"; url: string };

/** The store kind behind each accepted URL scheme. */
const kinds: Readonly<Record<string, "redis" | "postgres">> = {
  "redis:": "redis",
  "rediss:": "redis",
  "postgres:": "postgres",
  "postgresql:": "postgres",
};

const expected = "memory, redis://, rediss://, postgres:// or postgresql://";

/**
 * Classifies a store URL: `memory`, `redis://`, `rediss://`, `postgres://` or `postgresql://`.
 *
 * @throws {StoreUrlError} `store_url_invalid` when the text is no URL, `store_url_unsupported` for any
 * other scheme. The message never repeats the URL.
 * @example
 * ```ts
 * parseStoreUrl("rediss://:secret@cache.internal:6380"); // { kind: "redis", url: "rediss://..." }
 * ```
 */
export function parseStoreUrl(url: string): StoreUrl {
  if (url === "memory") return { kind: "memory" };
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch (cause) {
    // The cause's message would repeat the URL: keep only its code.
    throw new StoreUrlError("store_url_invalid", `invalid store URL (not a URL); expected ${expected}`, {
      cause: new Error((cause as { code?: string }).code ?? "invalid URL"),
    });
  }
  const kind = kinds[protocol];
  if (kind === undefined) {
    throw new StoreUrlError(
      "store_url_unsupported",
      `unsupported store URL scheme ${JSON.stringify(protocol)}; expected ${expected}`,
    );
  }
  return { kind, url };
}
