/**
 * The incidents table: everything the simulator can do to one app. Adding an incident is one entry (a
 * file in this folder, listed in `INCIDENTS`), one row in the README's incident table and one test; the
 * switches schema, the JS and HTTP control, the CLI, the token endpoint and the API guard all read it
 * from here.
 */
import { z } from "zod";
import type { OAuthRefusal } from "../http.js";
import { deactivation } from "./deactivation.js";
import {
  type ApiCall,
  type ApiRefusal,
  type ChangeContext,
  type Fields,
  type IncidentFlag,
  isRefusal,
} from "./incident.js";
import { mintRefusal } from "./mint-refusal.js";
import { removedScopes } from "./removed-scopes.js";
import { revokeOnDeactivate } from "./revoke-on-deactivate.js";
import { secretRotation } from "./secret-rotation.js";
import { tokenRevocation } from "./token-revocation.js";

/** In this order their hooks run: at a mint the first refusal wins, and scopes pass through each in turn. */
export const INCIDENTS = [
  deactivation,
  revokeOnDeactivate,
  removedScopes,
  mintRefusal,
  secretRotation,
  tokenRevocation,
] as const;

type Entry = (typeof INCIDENTS)[number];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;
type Shape = UnionToIntersection<Entry["fields"]>;
type Verbs = UnionToIntersection<Entry["verbs"]>;

/** One app's incident switches (`incidents[clientId]`); unknown keys are errors. */
export const appIncidentsSchema = z.strictObject(merged("field", INCIDENTS, (i) => i.fields) as Shape);
/** A partial update of one app's incident switches. */
export const appIncidentsPatchSchema = appIncidentsSchema.partial();

/** One app's incident switches, as `control.switches().incidents[clientId]` shows them. */
export type AppIncidents = z.output<typeof appIncidentsSchema>;
/** A partial update of one app's incident switches, as `control.set({ incidents: { [clientId]: … } })` takes it. */
export type AppIncidentsPatch = z.input<typeof appIncidentsPatchSchema>;
/** Causes the incidents add to `stats().unauthorized`. */
export type IncidentCause = Entry["causes"][number];

export const INCIDENT_CAUSES: readonly IncidentCause[] = INCIDENTS.flatMap((i) => i.causes);
/** Every incident's control verbs by JS method name. */
export const APP_VERBS = merged("verb", INCIDENTS, (i) => i.verbs) as Verbs;
/** Every incident's CLI flags. */
export const INCIDENT_FLAGS = INCIDENTS.flatMap((i): readonly IncidentFlag<Fields>[] => i.flags);

/** The JS methods the verbs become on `control`. */
export type AppVerbMethods = {
  [K in keyof Verbs]: Verbs[K] extends { args(...args: infer A): unknown; run(...args: never[]): infer R }
    ? (...args: A) => R
    : never;
};

export { isRefusal };

checkReads();

/** An app's switches before any incident: every entry's defaults. */
export function defaultIncidents(): AppIncidents {
  return structuredClone(Object.assign({}, ...INCIDENTS.map((i) => i.defaults))) as AppIncidents;
}

/**
 * Merges validated per-app patches into the switches. With `changes` (a run-time patch, as opposed to
 * start options) each entry's `changed` hook then sees the app's switches before and after.
 */
export function mergeIncidents(
  target: Record<string, AppIncidents>,
  patch: Record<string, Partial<AppIncidents>>,
  changes?: Omit<ChangeContext, "clientId">,
): void {
  for (const [clientId, values] of Object.entries(patch)) {
    const before = target[clientId] ?? defaultIncidents();
    const defined = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
    const after = { ...before, ...structuredClone(defined) } as AppIncidents;
    target[clientId] = after;
    if (changes)
      for (const incident of INCIDENTS) incident.changed?.(before, after, { ...changes, clientId });
  }
}

/** At a mint with valid credentials: the scopes the token gets, or the refusal to answer with. */
export function onMint(
  state: AppIncidents | undefined,
  scopes: readonly string[],
): readonly string[] | OAuthRefusal {
  if (!state) return scopes;
  let granted = scopes;
  for (const incident of INCIDENTS) {
    if (!("mint" in incident) || !incident.mint) continue;
    const outcome = incident.mint(state, granted);
    if (isRefusal(outcome)) return outcome;
    granted = outcome;
  }
  return granted;
}

/** At an API call with a live token: the first incident's refusal, or `undefined` to go on. */
export function onApiCall(
  state: AppIncidents | undefined,
  call: ApiCall,
): ApiRefusal<IncidentCause> | undefined {
  if (!state) return undefined;
  for (const incident of INCIDENTS) {
    if (!("apiCall" in incident) || !incident.apiCall) continue;
    const refusal = incident.apiCall(state, call);
    if (refusal) return refusal;
  }
  return undefined;
}

/** Merges one record per entry, refusing a name two entries define (it would silently shadow one). */
function merged<T>(
  what: string,
  entries: readonly T[],
  pick: (entry: T) => Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const entry of entries) {
    for (const [name, value] of Object.entries(pick(entry))) {
      if (name in out) throw new Error(`Two incidents define the ${what} ${name}`);
      out[name] = value;
    }
  }
  return out;
}

/** A field an entry reads must belong to an entry before it, so its value is settled when the hook runs. */
function checkReads(): void {
  const seen = new Set<string>();
  for (const incident of INCIDENTS) {
    for (const name of incident.reads) {
      if (!seen.has(name))
        throw new Error(`Incident "${incident.name}" reads ${name}, defined by no entry before it`);
    }
    for (const name of Object.keys(incident.fields)) seen.add(name);
  }
}
