export {
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
export { createLogger, type Logger } from "./logger.js";
export { onShutdownSignals, type ShutdownSignalOptions } from "./shutdown.js";
export { describeStore, openStore } from "./store.js";
export { resolveZoom, zoomClientOptions } from "./zoom.js";
