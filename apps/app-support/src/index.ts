export {
  booleanSchema,
  ConfigError,
  commaListSchema,
  type LogLevel,
  loadConfigOrExit,
  logLevelSchema,
  optionalText,
  parseEnv,
  type SharedConfig,
  type SharedEnv,
  type StoreConfig,
  sharedConfig,
  sharedEnvShape,
  storeSchema,
  type ZoomConfig,
} from "./config.js";
export { type EmbeddedZoom, type EmbeddedZoomOptions, startEmbeddedZoom } from "./embedded.js";
export { endpointUrlSchema, insecureUrlProblem, isLoopbackHost } from "./endpoint-url.js";
export { redactLogValue } from "./log-redaction.js";
export { createLogger, type Logger } from "./logger.js";
export { onShutdownSignals, type ShutdownSignalOptions } from "./shutdown.js";
export { describeStore, openStore } from "./store.js";
export { generateTokenKey, isTokenKey, MAKE_A_KEY, tokenKeysSchema } from "./token-key.js";
export { resolveZoom, tokenKeysFor, zoomClientOptions } from "./zoom.js";
