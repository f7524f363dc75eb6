/**
 * Public types of the simulator: the apps and users it knows, the switches that turn Zoom's failure
 * modes on and off, and the counters it keeps. Everything here is plain JSON so the same shapes travel
 * over the HTTP control surface under `/__sim/`.
 */

/** A Server-to-Server OAuth app the token endpoint accepts. */
export interface SimulatorApp {
  accountId: string;
  clientId: string;
  clientSecret: string;
  /**
   * Scopes granted to the app; sent back as the token's space-separated `scope`.
   * @default ["meeting:read:admin", "meeting:write:admin", "user:read:admin"]
   */
  scopes?: string[];
}

/** A user of an account; a meeting host. `userId` in paths may be the id or the email. */
export interface SimulatorUser {
  id: string;
  email: string;
  first_name?: string;
  last_name?: string;
  /** Owning account; a user without one belongs to every configured account. */
  accountId?: string;
  /** @default "UTC" */
  timezone?: string;
}

/**
 * Which tokens stay valid when a new one is minted.
 * - `multi`: tokens coexist until they expire (Zoom since mid-2023).
 * - `invalidate-previous`: each mint revokes the app's older tokens (Zoom before that).
 * - `{ maxLive: N }`: only the app's N newest tokens work.
 */
export type TokenModel = "multi" | "invalidate-previous" | { maxLive: number };

/** Fault injection for one surface (the token endpoint or the API). */
export interface FaultSwitches {
  /** Delay before answering, in milliseconds. @default 0 */
  latencyMs: number;
  /** Probability (0..1) of answering with `errorStatus`. @default 0 */
  errorRate: number;
  /** Answer the next N requests with `errorStatus` (counts down). @default 0 */
  failNext: number;
  /** Status of injected errors (500-599). @default 500 */
  errorStatus: number;
  /** Body of injected errors: Zoom's JSON, an HTML page or nothing. @default "json" */
  errorBody: "json" | "html" | "empty";
  /** Probability (0..1) of destroying the connection without an answer. @default 0 */
  dropRate: number;
  /** Destroy the connection of the next N requests (counts down). @default 0 */
  dropNext: number;
}

/** Per-second limits per rate-limit category, per account; `null` means unlimited. */
export interface QpsLimits {
  light: number | null;
  medium: number | null;
  heavy: number | null;
}

/** Per-app incident state. */
export interface AppIncidents {
  /** Minting still works, every API call answers 401 with code 124. @default false */
  deactivated: boolean;
  /** Scopes taken away from the app (and so from its live tokens): calls that need them get 4711. @default [] */
  removedScopes: string[];
}

/** Where signed webhook events go. */
export interface WebhookTarget {
  url: string;
  secretToken: string;
}

/** Every switch, as returned by `control.switches()` and `GET /__sim/switches`. */
export interface SimulatorSwitches {
  /** @default "multi" */
  tokenModel: TokenModel;
  /** `expires_in` of new tokens, in whole seconds. @default 3600 */
  tokenTtlSeconds: number;
  /** Incident state by client id (deactivated, scopes removed). */
  incidents: Record<string, AppIncidents>;
  /** HTTP status of a 4711 missing-scope answer (Zoom has been seen sending each). @default 401 */
  scopeErrorStatus: 400 | 401 | 403;
  /** @default { light: null, medium: null, heavy: null } */
  qps: QpsLimits;
  /** Create+update meetings per host per UTC day (Zoom: 100); `null` turns the cap off. @default null */
  dailyCap: number | null;
  /** How the daily cap answers: HTTP 429 `Daily-limit`, or HTTP 300 with Zoom's message. @default 429 */
  dailyCapAs: 429 | 300;
  /** Send `X-RateLimit-*` and `Retry-After` headers (Zoom's 429s sometimes carry none). @default true */
  rateLimitHeaders: boolean;
  /** Faults on `POST /oauth/token`. */
  token: FaultSwitches;
  /** Faults on `/v2/*`. */
  api: FaultSwitches;
  /** Webhook target, or `null` for none. @default null */
  webhook: WebhookTarget | null;
}

/** A partial update of the switches; nested objects merge (per client id for `incidents`). */
export interface SwitchesPatch {
  tokenModel?: TokenModel;
  tokenTtlSeconds?: number;
  incidents?: Record<string, Partial<AppIncidents>>;
  scopeErrorStatus?: 400 | 401 | 403;
  qps?: Partial<QpsLimits>;
  dailyCap?: number | null;
  dailyCapAs?: 429 | 300;
  rateLimitHeaders?: boolean;
  token?: Partial<FaultSwitches>;
  api?: Partial<FaultSwitches>;
  webhook?: WebhookTarget | null;
}

/** A participant of a past meeting. */
export interface SeedParticipant {
  name: string;
  user_email?: string;
  /** Minutes in the meeting. @default the meeting's duration */
  duration?: number;
}

/** A meeting put in place directly (for example one that ended yesterday, for a sweeper's tests). */
export interface SeedMeeting {
  /** Host id or email; must be a seeded user. */
  host: string;
  topic?: string;
  /** @default 2 (scheduled) */
  type?: 1 | 2 | 3 | 8;
  /** ISO-8601 time; may be in the past. @default now */
  start_time?: string;
  /** Minutes. @default 60 */
  duration?: number;
  timezone?: string;
  agenda?: string;
  /** Record the meeting as held and ended at start_time + duration (past meeting details exist). */
  ended?: boolean;
  /** Participants of the ended instance. */
  participants?: SeedParticipant[];
}

/** Options of `startZoomSimulator`; every switch can also be given here. */
export interface SimulatorOptions extends SwitchesPatch {
  /** Port; 0 picks a free one. @default 0 */
  port?: number;
  /** @default "127.0.0.1" */
  host?: string;
  /** Apps the token endpoint accepts. @default [DEFAULT_APP] */
  apps?: SimulatorApp[];
  /** Users (meeting hosts). @default DEFAULT_USERS */
  users?: SimulatorUser[];
  /** Meetings present from the start. @default [] */
  meetings?: SeedMeeting[];
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

/** How tokens minted with the old secret fare in a rotation. */
export type OldTokenPolicy = "keep" | "revoke-at-grace-end" | "revoke-now";

/** A client secret rotation, like `POST /marketplace/apps/{appId}/rotate_client_secret`. */
export interface RotateSecretOptions {
  /** @default the first app */
  clientId?: string;
  /** @default a random secret */
  newSecret?: string;
  /** Seconds the old secret still mints; 0 revokes it at once. @default 0 */
  graceSeconds?: number;
  /** @default "keep" */
  oldTokens?: OldTokenPolicy;
}

/** Outcome of an `endpoint.url_validation` challenge. */
export interface UrlValidationResult {
  ok: boolean;
  status: number | null;
  /** Why it failed, when it did. */
  reason?: string;
}
