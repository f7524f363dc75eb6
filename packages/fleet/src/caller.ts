/** What a worker's callers use, whichever client is under test. */
import type { TokenStats } from "@zoomkit/core";

/** One call's outcome: `undefined` when it succeeded, else a short description (never a secret). */
export type CallOutcome = string | undefined;

/** A client as the worker drives it. */
export interface Caller {
  /** One API call (`GET /users/{userId}`). */
  call(): Promise<CallOutcome>;
  /** Opens the store connection (so a cold start races on calls, not on connecting). */
  warm(): Promise<void>;
  /** Fingerprint of the token this process would use now. */
  fingerprint(): Promise<string | undefined>;
  /** True while the token engine runs without its store. */
  degraded(): boolean;
  /** The token engine's stats (zoomkit only). */
  stats(): TokenStats | undefined;
  /** Tokens minted by this process. */
  mints(): number;
  /** Releases the client's connections. */
  close(): Promise<void>;
}
