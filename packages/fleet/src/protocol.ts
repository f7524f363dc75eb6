/**
 * What the parent and a fleet worker say to each other over Node's IPC channel. Everything is plain
 * JSON. Secrets travel parent -> worker only (in the config); nothing a worker sends may carry a
 * secret, a key or a token: tokens are named by fingerprint, errors by code and message.
 */
import type { PacingOptions, TokenStats } from "@zoomkit/core";
import type { HistogramData } from "./histogram.js";

/** Where a worker keeps its tokens. */
export type StoreConfig =
  | { kind: "redis"; url: string; namespace: string; timeoutMs?: number }
  | {
      kind: "postgres";
      connectionString: string;
      schema: string;
      /** Pool size per process: keep it at 1-2, a 16-process fleet must fit Postgres's 100 connections. */
      maxConnections?: number;
      timeoutMs?: number;
    }
  | { kind: "memory" };

/** The simulated Zoom app the worker calls. */
export interface ZoomTarget {
  oauthUrl: string;
  baseUrl: string;
  accountId: string;
  clientId: string;
  clientSecret: string;
  /** Host whose user record every call reads (`GET /users/{userId}`). */
  userId: string;
}

/** Tuning of the token engine, for short test and benchmark timelines. */
export interface EngineTuning {
  keyPrefix?: string;
  leaseTtlMs?: number;
  storeTimeoutMs?: number;
  storeRetryMs?: number;
  mintTimeoutMs?: number;
  freshTokenMs?: number;
  encryptionKey?: string;
  mintBudgetPerHour?: number;
  circuitCoolDownMs?: number;
  circuitMaxCoolDownMs?: number;
  circuitConfirmMs?: number;
  circuitRecheckMs?: number;
  circuitProbeMs?: number;
  refreshWindowMs?: number;
  mintBackoffMs?: number;
  mintMaxBackoffMs?: number;
  scopeRecheckMs?: number;
}

/**
 * What each caller does in a loop. `user`: `GET /users/{userId}`. `meetings`: create a meeting for the
 * user, get it, delete it (three operations, counted separately), so an incident that hits one
 * operation shows whether the others go on.
 */
export type Workload = "user" | "meetings" | "create";

/**
 * The `pacing` option of the zoomkit client (JSON: no store, the worker's store is used). The
 * `create` workload creates meetings and nothing else: the pacing benchmark's load.
 */
export type PacingConfig = Omit<PacingOptions, "store">;

/** Everything a worker needs; sent as the first IPC message. */
export interface WorkerConfig {
  /** Index of the worker in its fleet (0-based). */
  index: number;
  /**
   * `zoomkit`: createZoomClient with the token engine. `naive`: the incident's client (see naive-client.ts).
   * `rivet`: Zoom's Node SDK with its own token per process (see rivet-caller.ts; the store is unused).
   */
  client: "zoomkit" | "naive" | "rivet";
  store: StoreConfig;
  zoom: ZoomTarget;
  engine?: EngineTuning;
  /** Concurrent callers in this process. */
  concurrency: number;
  /** `burst`: each caller makes one call, then the worker reports. `load`: callers loop until `stop`. */
  mode: "burst" | "load";
  /** Pause of each caller between two calls in `load` mode. @default 0 */
  pauseMs?: number;
  /** Per-request timeout of the client. @default 15_000 */
  requestTimeoutMs?: number;
  /** @default "user" */
  workload?: Workload;
  /** Turns pacing on in the zoomkit client, through the worker's store. @default off */
  pacing?: PacingConfig;
}

/** Parent to worker. */
export type ParentMessage =
  | { type: "config"; config: WorkerConfig }
  | { type: "go" }
  | { type: "stop" }
  /** Asks for a `state` message. */
  | { type: "probe" };

/** A hook the token engine fired, reduced to what is safe to print. */
export interface HookEvent {
  name: string;
  at: number;
  /** The payload with errors turned into `{ name, code, message }` (and their causes' messages). */
  payload: Record<string, unknown>;
}

/** A worker's final account. */
export interface WorkerReport {
  index: number;
  calls: number;
  ok: number;
  failed: number;
  /** Failure descriptions (status or error code and message) and how often each happened; at most 20 kinds. */
  failures: Record<string, number>;
  /**
   * Failed calls by code: a thrown error's `code` (e.g. `app_rejected`) or name, or the outcome a call
   * returned (e.g. `HTTP 401`), with the first message of that code in full (`failures` keys are cut
   * at 300 characters and capped at 20 kinds).
   */
  failureCodes: Record<string, { count: number; message: string }>;
  /** Per caller (by position): epoch ms of its first failure of each code. */
  firstFailureAt: Record<string, number>[];
  /** Calls and failures per operation (`user`; or `create`, `get`, `delete`), failures by description. */
  operations: Record<string, { calls: number; failed: number; failures: Record<string, number> }>;
  /** Epoch ms of this process's last failed call (`undefined`: none failed). */
  lastFailureAt?: number;
  /** Epoch ms of the first call that succeeded after the last failed one: serving again from then on. */
  servingAgainAt?: number;
  latency: HistogramData;
  /** Milliseconds between `go` and the last call's end. */
  elapsedMs: number;
  /** The token engine's stats (zoomkit client only). */
  stats?: TokenStats;
  /** Fingerprint of the token this process would use now. */
  fingerprint?: string;
  /** Tokens this process minted (both clients count their own). */
  mints: number;
}

/** Worker to parent. */
export type WorkerMessage =
  | { type: "ready"; index: number; pid: number }
  /** The worker sent a request to the token endpoint (a mint is under way in this process). */
  | { type: "mint-started"; index: number; at: number }
  | { type: "hook"; index: number; event: HookEvent }
  | { type: "state"; index: number; fingerprint?: string; degraded: boolean; stats?: TokenStats }
  | { type: "report"; report: WorkerReport }
  /** The worker could not run (bad config, store unreachable at start); it exits non-zero after this. */
  | { type: "fatal"; index: number; message: string };
