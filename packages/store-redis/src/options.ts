import type { RedisClientOptions, RedisConnectionClientType, RedisConnectionClusterType } from "@keyv/redis";
import type { RedisStoreError } from "./errors.js";

/** Options shared by both ways of connecting. */
export interface RedisStoreCommonOptions {
  /**
   * Prefix for every key, joined with `::` (keyv's namespace), so several apps can share one Redis.
   * Keys keep the provider's `{...}` hash tag, so a namespace never moves a credential's keys apart.
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

/** Defaults of the common options. */
export const defaults = {
  timeoutMs: 2000,
  notifications: true,
  maxPollIntervalMs: 1000,
} as const;
