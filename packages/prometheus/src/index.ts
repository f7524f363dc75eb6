export { OTHER as OTHER_OPERATION } from "./labels.js";
export type { StatsSource } from "./token-collectors.js";
export type { ZoomMetrics, ZoomMetricsOptions } from "./zoom-metrics.js";
export { createZoomMetrics } from "./zoom-metrics.js";
