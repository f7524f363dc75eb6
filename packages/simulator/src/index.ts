export type { SimulatorControl } from "./control.js";
export {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_APP,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_SCOPES,
  DEFAULT_USERS,
} from "./defaults.js";
export type { AppIncidents, AppIncidentsPatch } from "./incidents/index.js";
export type { MintRefusal } from "./incidents/mint-refusal.js";
export type { RotateSecretOptions } from "./incidents/secret-rotation.js";
export type { SimulatorOptions } from "./options.js";
export type { SeedRegistrant, SeedWebinar } from "./seed-webinars.js";
export type { SeedMeeting, SeedParticipant } from "./seeds.js";
export { startZoomSimulator, type ZoomSimulator } from "./server.js";
export type {
  SimulatorStats,
  UnauthorizedCause,
  WebhookDelivery,
} from "./state/stats.js";
export type { OldTokenPolicy, TokenUse } from "./state/token-registry.js";
export type {
  FaultSwitches,
  QpsLimits,
  SimulatorSwitches,
  SwitchesPatch,
  WebhookTarget,
} from "./switches.js";
export type { TokenModel } from "./token-model.js";
export type { TokenReply } from "./token-reply.js";
export type { SimulatorApp, SimulatorUser, UrlValidationResult } from "./types.js";
export { signWebhook } from "./webhooks.js";
