// The store kit: the `TokenStore` contract and everything a store author needs (ours and third-party
// ones): errors and their codes, argument checks, connection-string redaction, the waiter behind
// `waitForChange` and its per-key registry, shared timings, and the in-process reference store.
export type { ArgumentChecks } from "./argument-checks.js";
export { createArgumentChecks } from "./argument-checks.js";
export type {
  PermitGrant,
  PermitRate,
  StoreCapabilities,
  StoreLease,
  StoreRecord,
  TokenStore,
} from "./contract.js";
export type { GenerationListeners } from "./generation-listeners.js";
export { createGenerationListeners } from "./generation-listeners.js";
export type { MemoryStoreErrorCode, MemoryStoreOptions } from "./memory-store.js";
export { createMemoryStore } from "./memory-store.js";
export type { PermitStep } from "./permit-bucket.js";
export { takeFromBucket } from "./permit-bucket.js";
export { createConnectionRedactor, redactUrl } from "./redact-url.js";
export { STORE_DEFAULTS } from "./store-defaults.js";
export type { Redactor, StoreErrorClass, StoreErrorCode } from "./store-error.js";
export { createRedactor, StoreError, sanitizeCause } from "./store-error.js";
export type {
  GenerationListener,
  GenerationNotifications,
  GenerationProbe,
  PollBackoff,
  WaitForGenerationOptions,
} from "./wait-for-generation.js";
export { waitForGeneration } from "./wait-for-generation.js";
