/** The fleet harness: workers as real OS processes, private store servers, and summaries. */
export type { DeactivationOptions, DeactivationRun } from "./deactivation.js";
export {
  coolDownsWithin,
  firstFailureDelays,
  runAppDeactivation,
  servingAgainDelays,
} from "./deactivation.js";
export type { Fleet, FleetOptions, FleetWorker, Received } from "./fleet.js";
export { startFleet } from "./fleet.js";
export { freePort } from "./free-port.js";
export type { HistogramData } from "./histogram.js";
export { createHistogram, merge, quantile, record } from "./histogram.js";
export type { LeaseHolderKillOptions, LeaseHolderKillRun } from "./lease-takeover.js";
export { runLeaseHolderKill } from "./lease-takeover.js";
export { NAIVE_TABLE, naiveTableSql } from "./naive-store.js";
export { dropFleetSchema, prepareFleetSchema } from "./postgres-schema.js";
export type { PrivateServer } from "./private-servers.js";
export { startPrivatePostgres, startPrivateRedis } from "./private-servers.js";
export type {
  EngineTuning,
  HookEvent,
  PacingConfig,
  ParentMessage,
  StoreConfig,
  WorkerConfig,
  WorkerMessage,
  WorkerReport,
  Workload,
  ZoomTarget,
} from "./protocol.js";
export { clearRedisNamespace } from "./redis-namespace.js";
export type { FleetSummary } from "./summary.js";
export { summarize } from "./summary.js";
export type { TokenOutageOptions, TokenOutageRun } from "./token-outage.js";
export { runTokenOutage } from "./token-outage.js";
