export type { ZoomClient, ZoomClientOptions } from "./client.js";
export { createZoomClient } from "./client.js";
export type { ZoomAuthErrorCode, ZoomRequestErrorCode } from "./errors.js";
export { ZoomAuthError, ZoomKitError, ZoomRequestError } from "./errors.js";
export type { MintReason, ZoomEventMap, ZoomHooks } from "./events.js";
export type { components, operations, paths } from "./generated/zoom-api.js";
export { fingerprint } from "./tokens/fingerprint.js";
export type { MemoryStoreOptions } from "./tokens/memory-store.js";
export { createMemoryStore } from "./tokens/memory-store.js";
export type { ZoomCredentials } from "./tokens/oauth.js";
export { mintToken } from "./tokens/oauth.js";
export type { SimpleTokenProviderOptions } from "./tokens/simple-provider.js";
export { createSimpleTokenProvider } from "./tokens/simple-provider.js";
export type {
  AccessToken,
  RejectionDetail,
  StoreCapabilities,
  StoreLease,
  StoreRecord,
  TokenProvider,
  TokenStore,
} from "./tokens/types.js";
