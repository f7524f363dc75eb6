/**
 * The switches: one zod schema validates every patch, whether it comes from start options, the JS
 * `control`, `POST /__sim/control` or the CLI, so they can never disagree about what is allowed. The
 * public switch types are derived from it; per-app incidents come from `incidents/`.
 */
import { z } from "zod";
import { fingerprint } from "./fingerprint.js";
import {
  type AppIncidents,
  appIncidentsPatchSchema,
  appIncidentsSchema,
  mergeIncidents,
} from "./incidents/index.js";
import type { TokenRegistry } from "./state/token-registry.js";
import { tokenModelSchema } from "./token-model.js";
import { tokenReplySchema } from "./token-reply.js";

const probability = z.number().min(0).max(1);
const count = z.number().int().min(0);
const limit = z.number().int().positive().nullable();
const ONE_YEAR_MS = 365 * 86_400_000;

const faultsSchema = z.strictObject({
  /** Delay before answering, in milliseconds. @default 0 */
  latencyMs: z.number().int().min(0).max(60_000),
  /** Probability (0..1) of answering with `errorStatus`. @default 0 */
  errorRate: probability,
  /** Answer the next N requests with `errorStatus` (counts down). @default 0 */
  failNext: count,
  /** Status of injected errors (500-599). @default 500 */
  errorStatus: z.number().int().min(500).max(599),
  /** Body of injected errors: Zoom's JSON, an HTML page or nothing. @default "json" */
  errorBody: z.enum(["json", "html", "empty"]),
  /** Probability (0..1) of destroying the connection without an answer. @default 0 */
  dropRate: probability,
  /** Destroy the connection of the next N requests (counts down). @default 0 */
  dropNext: count,
});

const qpsSchema = z.strictObject({ light: limit, medium: limit, heavy: limit });

/** A client id as a key of `incidents`; `__proto__` would reach the object's prototype instead. */
const clientIdKey = z
  .string()
  .min(1)
  .refine((key) => key !== "__proto__", "Not a client id");

const webhookSchema = z.strictObject({ url: z.url(), secretToken: z.string().min(1) });

/** Every switch, as `control.switches()` and `GET /__sim/switches` return them. */
export const switchesSchema = z.strictObject({
  /** Which tokens stay valid when a new one is minted. @default "multi" */
  tokenModel: tokenModelSchema,
  /** `expires_in` of new tokens, in whole seconds. @default 3600 */
  tokenTtlSeconds: z.number().int().positive().max(86_400),
  /** Incident switches by client id (see the README's incident table). @default {} */
  incidents: z.record(clientIdKey, appIncidentsSchema),
  /** HTTP status of a 4711 missing-scope answer (Zoom has been seen sending each). @default 401 */
  scopeErrorStatus: z.union([z.literal(400), z.literal(401), z.literal(403)]),
  /** Per-second limits per category, per account; `null` means unlimited. @default all null */
  qps: qpsSchema,
  /** Create+update meetings per host per UTC day (Zoom: 100); `null` turns the cap off. @default null */
  dailyCap: limit,
  /** How the daily cap answers: HTTP 429 `Daily-limit`, or HTTP 300 with Zoom's message. @default 429 */
  dailyCapAs: z.union([z.literal(429), z.literal(300)]),
  /** Send `X-RateLimit-*` and `Retry-After` headers (Zoom's 429s sometimes carry none). @default true */
  rateLimitHeaders: z.boolean(),
  /** Faults on `POST /oauth/token`. */
  token: faultsSchema,
  /** Faults on `/v2/*`. */
  api: faultsSchema,
  /** Successful token answers deformed (HTML, not JSON, no `access_token`, a bad `expires_in`, oversized); `null`: well-formed. @default null */
  tokenReply: tokenReplySchema.nullable(),
  /** Shift of the `Date` header of token and API answers, in ms (positive: the simulator's clock is ahead). @default 0 */
  clockSkewMs: z.number().int().min(-ONE_YEAR_MS).max(ONE_YEAR_MS),
  /** Webhook target, or `null` for none. @default null */
  webhook: webhookSchema.nullable(),
});

/** Validates a switches patch; unknown keys are errors (a typo must not be silently ignored). */
export const switchesPatchSchema = z
  .strictObject({
    ...switchesSchema.shape,
    incidents: z.record(clientIdKey, appIncidentsPatchSchema),
    qps: qpsSchema.partial(),
    token: faultsSchema.partial(),
    api: faultsSchema.partial(),
  })
  .partial();

/** Every switch, as returned by `control.switches()` and `GET /__sim/switches`. */
export type SimulatorSwitches = z.output<typeof switchesSchema>;
/** A partial update of the switches; nested objects merge (per client id for `incidents`). */
export type SwitchesPatch = z.input<typeof switchesPatchSchema>;
/** Fault injection for one surface (the token endpoint or the API). */
export type FaultSwitches = z.output<typeof faultsSchema>;
/** Per-second limits per rate-limit category, per account; `null` means unlimited. */
export type QpsLimits = z.output<typeof qpsSchema>;
/** Where signed webhook events go. */
export type WebhookTarget = z.output<typeof webhookSchema>;

type ParsedPatch = z.output<typeof switchesPatchSchema>;

export function defaultFaults(): FaultSwitches {
  return {
    latencyMs: 0,
    errorRate: 0,
    failNext: 0,
    errorStatus: 500,
    errorBody: "json",
    dropRate: 0,
    dropNext: 0,
  };
}

export function defaultSwitches(): SimulatorSwitches {
  return {
    tokenModel: "multi",
    tokenTtlSeconds: 3600,
    incidents: {},
    scopeErrorStatus: 401,
    qps: { light: null, medium: null, heavy: null },
    dailyCap: null,
    dailyCapAs: 429,
    rateLimitHeaders: true,
    token: defaultFaults(),
    api: defaultFaults(),
    tokenReply: null,
    clockSkewMs: 0,
    webhook: null,
  };
}

/** One problem with a patch, as `POST /__sim/control` reports it. */
export interface PatchProblem {
  path: string;
  message: string;
}

/** Parses a patch, or returns what is wrong with it. */
export function parseSwitchesPatch(
  input: unknown,
): { ok: true; patch: ParsedPatch } | { ok: false; problems: PatchProblem[] } {
  const result = switchesPatchSchema.safeParse(input);
  if (result.success) return { ok: true, patch: result.data };
  return { ok: false, problems: describeIssues(result.error) };
}

/** Zod's issues as `{ path, message }`; zod's messages name what was expected, never the value given. */
export function describeIssues(error: z.ZodError): PatchProblem[] {
  return error.issues.map((issue) => ({ path: issue.path.join(".") || "(body)", message: issue.message }));
}

/** What a run-time patch needs so incidents can react to a change (revoke tokens, strip scopes). */
export interface ChangeDeps {
  registry: TokenRegistry;
  now: number;
}

/**
 * Applies a validated patch in place; nested objects merge, `incidents` per client id. With `changes`
 * (a run-time patch) the incidents' `changed` hooks run.
 */
export function applyPatch(target: SimulatorSwitches, patch: ParsedPatch, changes?: ChangeDeps): void {
  const { incidents, qps, token, api, ...plain } = patch;
  Object.assign(target, definedOnly(plain));
  if (plain.webhook) target.webhook = { ...plain.webhook };
  if (qps) Object.assign(target.qps, definedOnly(qps));
  if (token) Object.assign(target.token, definedOnly(token));
  if (api) Object.assign(target.api, definedOnly(api));
  if (incidents)
    mergeIncidents(target.incidents, incidents as Record<string, Partial<AppIncidents>>, changes);
}

/** Parses and applies a run-time patch; throws a `TypeError` naming each invalid field. */
export function setSwitches(target: SimulatorSwitches, input: unknown, changes: ChangeDeps): void {
  const parsed = parseSwitchesPatch(input);
  if (!parsed.ok) throw new TypeError(`Invalid switches: ${problemText(parsed.problems)}`);
  applyPatch(target, parsed.patch, changes);
}

/** Builds the switches from start options (validated like any other patch). */
export function initialSwitches(options: SwitchesPatch): SimulatorSwitches {
  const parsed = parseSwitchesPatch(pickSwitches(options));
  if (!parsed.ok) throw new TypeError(`Invalid simulator options: ${problemText(parsed.problems)}`);
  const switches = defaultSwitches();
  applyPatch(switches, parsed.patch);
  return switches;
}

/** A deep copy safe to hand out: the webhook secret is replaced by its fingerprint. */
export function publicSwitches(switches: SimulatorSwitches): SimulatorSwitches {
  const copy = structuredClone(switches);
  if (copy.webhook) copy.webhook.secretToken = `fingerprint:${fingerprint(copy.webhook.secretToken)}`;
  return copy;
}

export function problemText(problems: PatchProblem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join("; ");
}

const SWITCH_KEYS = Object.keys(switchesPatchSchema.shape) as (keyof SwitchesPatch)[];

function pickSwitches(options: SwitchesPatch): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of SWITCH_KEYS) if (options[key] !== undefined) picked[key] = options[key];
  return picked;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
