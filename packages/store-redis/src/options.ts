import type { RedisClientOptions, RedisConnectionClientType, RedisConnectionClusterType } from "@keyv/redis";
import { createArgumentChecks, STORE_DEFAULTS } from "@zoomkit/core";
import { RedisStoreError } from "./errors.js";

/** Options shared by both ways of connecting. */
export interface RedisStoreCommonOptions {
  /**
   * Prefix for every key, joined with `::` (keyv's namespace), so several apps can share one Redis.
   * Keys keep the provider's `{...}` hash tag, so a namespace never moves a credential's keys apart;
   * a namespace containing `{` or `}` would (Redis Cluster hashes the first tag it finds), so it is
   * refused with `store_misconfigured`.
   * @default undefined (keys are used as the provider gives them)
   */
  namespace?: string;
  /**
   * Upper bound in milliseconds for every operation, connecting included. A dead or unreachable
   * server makes the operation reject with a `store_timeout` `RedisStoreError` after this long.
   * @default 2000
   */
  timeoutMs?: number;
  /**
   * Wake `waitForChange` through pub/sub (a second, dedicated connection). With `false` waiters poll
   * with backoff, and `capabilities.notifications` is `false`.
   * @default true
   */
  notifications?: boolean;
  /**
   * Longest pause between polls of a waiter that has no pub/sub (it starts at 50 ms and doubles).
   * @default 1000
   */
  maxPollIntervalMs?: number;
  /**
   * Receives errors that no caller can: the connections' own errors while reconnecting, and failures
   * of the subscriber connection (waiters then poll). Operation errors always reject the operation.
   * @default undefined (background errors are dropped; operations still reject)
   */
  onError?: (error: RedisStoreError) => void;
}

/** Connect to a URL; the store creates and closes its own connections. */
export interface RedisStoreUrlOptions extends RedisStoreCommonOptions {
  /** `redis://[[user]:password@]host[:port][/db]` or `rediss://...` for TLS. */
  url: string;
  /**
   * More node-redis client options (TLS, credentials provider, RESP version...), passed through
   * keyv's adapter.
   * @default {}
   */
  clientOptions?: Omit<RedisClientOptions, "url">;
  client?: never;
}

/** Use a client you created (`createClient` or `createCluster`); `close()` leaves it open. */
export interface RedisStoreClientOptions extends RedisStoreCommonOptions {
  /** A node-redis client or cluster, connected or not (the store connects it if needed). */
  client: RedisConnectionClientType | RedisConnectionClusterType;
  url?: never;
  clientOptions?: never;
}

/** How to create a Redis store: `{ url }` or `{ client }`, plus common options. */
export type RedisStoreOptions = RedisStoreUrlOptions | RedisStoreClientOptions;

/** The common options with defaults applied and checked. */
export interface ResolvedOptions {
  readonly namespace: string | undefined;
  readonly timeoutMs: number;
  readonly notifications: boolean;
  readonly maxPollIntervalMs: number;
}

/** Applies defaults; throws `RedisStoreError` (`store_misconfigured`) for options that cannot work. */
export function resolveOptions(options: RedisStoreOptions): ResolvedOptions {
  const check = createArgumentChecks("redis store", RedisStoreError, "store_misconfigured");
  const operation = "createRedisStore";
  const misconfigured = (what: string) =>
    new RedisStoreError("store_misconfigured", operation, `redis store: ${operation}: ${what}`);
  if (options === null || typeof options !== "object") throw misconfigured("options are required");
  if ((options.url === undefined) === (options.client === undefined)) {
    throw misconfigured("give exactly one of `url` or `client`");
  }
  const { namespace } = options;
  if (namespace !== undefined) {
    check.text(operation, "namespace", namespace);
    if (/[{}]/.test(namespace)) {
      throw misconfigured(
        "namespace must not contain `{` or `}`: Redis Cluster would hash the namespace's braces instead of the credential's hash tag and refuse the store's scripts (CROSSSLOT); use letters, digits, `-`, `_` or `:`",
      );
    }
  }
  return {
    namespace,
    timeoutMs: check.positiveMs(operation, "timeoutMs", options.timeoutMs ?? STORE_DEFAULTS.timeoutMs),
    notifications: options.notifications ?? true,
    maxPollIntervalMs: check.positiveMs(
      operation,
      "maxPollIntervalMs",
      options.maxPollIntervalMs ?? STORE_DEFAULTS.maxPollIntervalMs,
    ),
  };
}
