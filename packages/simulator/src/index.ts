export type { SimulatorControl } from "./control.js";
export {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_APP,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_SCOPES,
  DEFAULT_USERS,
} from "./defaults.js";
export { startZoomSimulator, type ZoomSimulator } from "./server.js";
export type {
  SimulatorStats,
  TokenUse,
  UnauthorizedCause,
  WebhookDelivery,
} from "./state/stats.js";
export type {
  AppIncidents,
  FaultSwitches,
  OldTokenPolicy,
  QpsLimits,
  RotateSecretOptions,
  SeedMeeting,
  SeedParticipant,
  SimulatorApp,
  SimulatorOptions,
  SimulatorSwitches,
  SimulatorUser,
  SwitchesPatch,
  TokenModel,
  UrlValidationResult,
  WebhookTarget,
} from "./types.js";
export { signWebhook } from "./webhooks.js";
