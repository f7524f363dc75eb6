// The environment is read by @zoomkit/env, which the zoomkit CLI shares; re-exported here so the apps
// import everything they share from one place.
export {
  booleanSchema,
  ConfigError,
  commaListSchema,
  describeStore,
  endpointUrlSchema,
  generateTokenKey,
  insecureUrlProblem,
  isLoopbackHost,
  isTokenKey,
  type LogLevel,
  logLevelSchema,
  MAKE_A_KEY,
  openStore,
  optionalText,
  parseEnv,
  type SharedConfig,
  type SharedEnv,
  type StoreConfig,
  sharedConfig,
  sharedEnvShape,
  storeSchema,
  tokenKeysSchema,
  type ZoomConfig,
  zoomClientOptions,
} from "@zoomkit/env";
export { type EmbeddedZoom, type EmbeddedZoomOptions, startEmbeddedZoom } from "./embedded.js";
export { loadConfigOrExit } from "./load-config.js";
export { redactLogValue } from "./log-redaction.js";
export { createLogger, type Logger } from "./logger.js";
export { onShutdownSignals, type ShutdownSignalOptions } from "./shutdown.js";
export { resolveZoom, tokenKeysFor } from "./zoom.js";
