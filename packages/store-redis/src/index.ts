export type { RedisStoreErrorCode } from "./errors.js";
export { RedisStoreError } from "./errors.js";
export type {
  RedisStoreClientOptions,
  RedisStoreCommonOptions,
  RedisStoreOptions,
  RedisStoreUrlOptions,
} from "./options.js";
export { createRedisStore } from "./redis-store.js";
