export type { CheckResult, CheckStatus } from "./report.js";
export { runZoomkit, USAGE, type ZoomkitIo } from "./run.js";
