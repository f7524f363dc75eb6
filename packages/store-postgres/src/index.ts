export type { PostgresStoreErrorCode } from "./errors.js";
export { PostgresStoreError } from "./errors.js";
export type {
  PostgresConnectionStringOptions,
  PostgresPoolOptions,
  PostgresStoreCommonOptions,
  PostgresStoreOptions,
} from "./options.js";
export { migrationSql } from "./sql.js";
export type { PostgresStore } from "./store.js";
export { createPostgresStore } from "./store.js";
