export {
  booleanSchema,
  ConfigError,
  commaListSchema,
  type LogLevel,
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
export { endpointUrlSchema, insecureUrlProblem, isLoopbackHost } from "./endpoint-url.js";
export { describeStore, openStore } from "./store.js";
export { generateTokenKey, isTokenKey, MAKE_A_KEY, tokenKeysSchema } from "./token-key.js";
export { zoomClientOptions } from "./zoom-options.js";
