import type { ZoomSimulator } from "@zoomkit/simulator";

/** The environment @zoom/rivet workers need to reach `sim`'s token endpoint; see rivet-env.mjs. */
export function rivetEnvironment(sim: ZoomSimulator): Promise<{
  env: Record<string, string>;
  /** Token requests the zoom.us stand-in forwarded to the simulator. */
  tokenRequests: () => number;
  close: () => Promise<void>;
}>;
