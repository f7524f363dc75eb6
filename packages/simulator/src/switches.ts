/**
 * The switches: one zod schema validates every patch, whether it comes from start options, the JS
 * `control` or `POST /__sim/control`, so the three can never disagree about what is allowed.
 */
import { z } from "zod";
import { defaultSwitches } from "./defaults.js";
import { fingerprint } from "./fingerprint.js";
import type { SimulatorSwitches, SwitchesPatch } from "./types.js";

const probability = z.number().min(0).max(1);
const count = z.number().int().min(0);
const limit = z.number().int().positive().nullable();

const faults = z.strictObject({
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  errorRate: probability.optional(),
  failNext: count.optional(),
  errorStatus: z.number().int().min(500).max(599).optional(),
  errorBody: z.enum(["json", "html", "empty"]).optional(),
  dropRate: probability.optional(),
  dropNext: count.optional(),
});

const tokenModel = z.union([
  z.literal("multi"),
  z.literal("invalidate-previous"),
  z.strictObject({ maxLive: z.number().int().positive() }),
]);

/** Validates a switches patch; unknown keys are errors (a typo must not be silently ignored). */
export const switchesPatchSchema = z.strictObject({
  tokenModel: tokenModel.optional(),
  tokenTtlSeconds: z.number().int().positive().max(86_400).optional(),
  incidents: z
    .record(
      z.string().min(1),
      z.strictObject({ deactivated: z.boolean().optional(), removedScopes: z.array(z.string()).optional() }),
    )
    .optional(),
  scopeErrorStatus: z.union([z.literal(400), z.literal(401), z.literal(403)]).optional(),
  qps: z
    .strictObject({ light: limit.optional(), medium: limit.optional(), heavy: limit.optional() })
    .optional(),
  dailyCap: limit.optional(),
  dailyCapAs: z.union([z.literal(429), z.literal(300)]).optional(),
  rateLimitHeaders: z.boolean().optional(),
  token: faults.optional(),
  api: faults.optional(),
  webhook: z
    .strictObject({ url: z.url(), secretToken: z.string().min(1) })
    .nullable()
    .optional(),
});

/** One problem with a patch, as `POST /__sim/control` reports it. */
export interface PatchProblem {
  path: string;
  message: string;
}

/** Parses a patch, or returns what is wrong with it. */
export function parseSwitchesPatch(
  input: unknown,
): { ok: true; patch: SwitchesPatch } | { ok: false; problems: PatchProblem[] } {
  const result = switchesPatchSchema.safeParse(input);
  if (result.success) return { ok: true, patch: result.data as SwitchesPatch };
  return { ok: false, problems: describeIssues(result.error) };
}

export function describeIssues(error: z.ZodError): PatchProblem[] {
  return error.issues.map((issue) => ({ path: issue.path.join(".") || "(body)", message: issue.message }));
}

/** Applies a validated patch in place; nested objects merge, `incidents` merges per client id. */
export function applyPatch(target: SimulatorSwitches, patch: SwitchesPatch): void {
  if (patch.tokenModel !== undefined) target.tokenModel = patch.tokenModel;
  if (patch.tokenTtlSeconds !== undefined) target.tokenTtlSeconds = patch.tokenTtlSeconds;
  if (patch.scopeErrorStatus !== undefined) target.scopeErrorStatus = patch.scopeErrorStatus;
  if (patch.dailyCap !== undefined) target.dailyCap = patch.dailyCap;
  if (patch.dailyCapAs !== undefined) target.dailyCapAs = patch.dailyCapAs;
  if (patch.rateLimitHeaders !== undefined) target.rateLimitHeaders = patch.rateLimitHeaders;
  if (patch.webhook !== undefined) target.webhook = patch.webhook && { ...patch.webhook };
  if (patch.qps) Object.assign(target.qps, definedOnly(patch.qps));
  if (patch.token) Object.assign(target.token, definedOnly(patch.token));
  if (patch.api) Object.assign(target.api, definedOnly(patch.api));
  for (const [clientId, app] of Object.entries(patch.incidents ?? {})) {
    const current = target.incidents[clientId] ?? { deactivated: false, removedScopes: [] };
    target.incidents[clientId] = {
      deactivated: app.deactivated ?? current.deactivated,
      removedScopes: app.removedScopes ? [...app.removedScopes] : current.removedScopes,
    };
  }
}

/** Builds the switches from start options (validated like any other patch). */
export function initialSwitches(patch: SwitchesPatch): SimulatorSwitches {
  const parsed = parseSwitchesPatch(pickSwitches(patch));
  if (!parsed.ok) {
    const detail = parsed.problems.map((p) => `${p.path}: ${p.message}`).join("; ");
    throw new TypeError(`Invalid simulator options: ${detail}`);
  }
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

const SWITCH_KEYS = Object.keys(switchesPatchSchema.shape) as (keyof SwitchesPatch)[];

function pickSwitches(options: SwitchesPatch): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of SWITCH_KEYS) if (options[key] !== undefined) picked[key] = options[key];
  return picked;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
