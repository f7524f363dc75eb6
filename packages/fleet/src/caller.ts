/** What a worker's callers use, whichever client is under test. */
import type { TokenStats } from "@zoomkit/core";

/** One call's outcome: `undefined` when it succeeded, else a short description (never a secret). */
export type CallOutcome = string | undefined;

/** One call: which operation it was, and its outcome. */
export interface CallResult {
  operation: string;
  outcome: CallOutcome;
}

/** A client as the worker drives it. */
export interface Caller {
  /** One API call of caller `callerIndex` (`GET /users/{userId}`, or the next step of its workload). */
  call(callerIndex: number): Promise<CallResult>;
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
