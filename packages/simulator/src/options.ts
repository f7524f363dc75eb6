/** The options of `startZoomSimulator`: where to listen, what exists at start, and any switch. */
import type { SeedWebinar } from "./seed-webinars.js";
import type { SeedMeeting } from "./seeds.js";
import type { SwitchesPatch } from "./switches.js";
import type { SimulatorApp, SimulatorUser } from "./types.js";

/** Options of `startZoomSimulator`; every switch can also be given here. */
export interface SimulatorOptions extends SwitchesPatch {
  /** Port; 0 picks a free one. @default 0 */
  port?: number;
  /**
   * Interface to listen on. Left unset or loopback, requests must name a loopback `Host` (a guard against
   * DNS rebinding); any other address serves every `Host` and emits a warning, since `/__sim/` has no auth.
   * @default "127.0.0.1"
   */
  host?: string;
  /** Apps the token endpoint accepts. @default [DEFAULT_APP] */
  apps?: SimulatorApp[];
  /** Users (meeting hosts). @default DEFAULT_USERS */
  users?: SimulatorUser[];
  /** Meetings present from the start. @default [] */
  meetings?: SeedMeeting[];
  /** Webinars present from the start (with registrants, panelists, and participants once ended). @default [] */
  webinars?: SeedWebinar[];
  /** Seed of the random generator behind `errorRate` and `dropRate`, for repeatable runs. @default random */
  seed?: number;
  /** `api_url` in token answers. @default the simulator's own URL */
  apiUrl?: string;
  /** Largest request body accepted, in bytes. @default 131072 */
  maxBodyBytes?: number;
  /** Clock in epoch milliseconds, for tests of expiry, grace periods and daily resets. @default Date.now */
  now?: () => number;
  /**
   * Let `@hono/node-server` replace the global `Request` and `Response` with its lighter classes: about
   * 3-4x more requests per CPU-second, but `instanceof Response` then fails for `fetch` results in this
   * process. Off when embedded in someone's tests; the CLI (its own process) turns it on.
   * @default false
   */
  overrideGlobalObjects?: boolean;
}
