export type { ZoomClient, ZoomClientOptions } from "./client.js";
export { createZoomClient } from "./client.js";
export type {
  ZoomAuthErrorCode,
  ZoomConfigErrorCode,
  ZoomPaginationErrorCode,
  ZoomRequestErrorCode,
} from "./errors.js";
export {
  ZoomAuthError,
  ZoomConfigError,
  ZoomKitError,
  ZoomPaginationError,
  ZoomRequestError,
} from "./errors.js";
export { MINT_REASONS, type MintReason, type ZoomEventMap, type ZoomHooks } from "./events.js";
export type { components, operations, paths } from "./generated/zoom-api.js";
export { MISSING_SCOPES_CODE, parseMissingScopes } from "./missing-scopes.js";
export type {
  RateLimitCategory,
  ZoomMethod,
  ZoomOperation,
  ZoomOperationId,
  ZoomScopes,
} from "./operations.js";
export { getZoomOperation, getZoomOperationById, matchZoomOperation, zoomOperations } from "./operations.js";
export type { PacingOptions, PacingRates, ZoomPlan } from "./pacing/options.js";
export { PLAN_RATES } from "./pacing/options.js";
export { PACED_HEADER } from "./pacing/refusal.js";
export type { ItemOf, ItemsField, PageOf, PaginatedPath, PaginateInit, PaginateOptions } from "./paginate.js";
export { paginate } from "./paginate.js";
export { pathParameterGuard, pathSegmentProblem } from "./path-guard.js";
export type { PipelineOptions } from "./pipeline/fetch-pipeline.js";
export { createPipelineFetch } from "./pipeline/fetch-pipeline.js";
export type { RateLimitInfo } from "./pipeline/rate-limit.js";
export { getRateLimit } from "./pipeline/rate-limit.js";
export type { RateLimitOptions, RetryOptions } from "./pipeline/retry-policy.js";
export { RETRY_HEADER } from "./pipeline/retry-policy.js";
export type { Sleep } from "./pipeline/sleep.js";
export type { ZoomErrorBody, ZoomFieldError } from "./pipeline/zoom-error.js";
export { parseZoomError } from "./pipeline/zoom-error.js";
export type {
  ArgumentChecks,
  GenerationListener,
  GenerationListeners,
  GenerationNotifications,
  GenerationProbe,
  MemoryStoreErrorCode,
  MemoryStoreOptions,
  PermitGrant,
  PermitRate,
  PermitStep,
  PollBackoff,
  Redactor,
  StoreCapabilities,
  StoreErrorClass,
  StoreErrorCode,
  StoreLease,
  StoreRecord,
  TokenStore,
  WaitForGenerationOptions,
} from "./stores/index.js";
export {
  createArgumentChecks,
  createConnectionRedactor,
  createGenerationListeners,
  createMemoryStore,
  createRedactor,
  redactUrl,
  STORE_DEFAULTS,
  StoreError,
  sanitizeCause,
  takeFromBucket,
  waitForGeneration,
} from "./stores/index.js";
export { fingerprint } from "./tokens/fingerprint.js";
export type { EncryptionKeys } from "./tokens/key-ring.js";
export type { ZoomCredentials } from "./tokens/oauth.js";
export { mintToken } from "./tokens/oauth.js";
export type {
  CircuitResetResult,
  FleetBackoff,
  FleetCircuit,
  FleetState,
  FleetToken,
  TokenDropResult,
  TokenFleet,
} from "./tokens/token-fleet.js";
export type { TokenProviderOptions, ZoomTokenProvider } from "./tokens/token-provider.js";
export { createTokenProvider } from "./tokens/token-provider.js";
export { CIRCUIT_STATES, type StoreEncryption, type TokenStats } from "./tokens/token-stats.js";
export type { AccessToken, RejectionDetail, TokenProvider } from "./tokens/types.js";
export { TROUBLESHOOTING_GUIDE, troubleshootingLink } from "./troubleshooting.js";
