/**
 * What an incident is: its switches (zod fields under `incidents[clientId]`) with their defaults, the
 * control verbs that change them (the JS `control`, `POST /__sim/apps/{clientId}/...` and the CLI all read
 * the same entry), and its effects on minting and on API calls. `incidents/index.ts` puts the entries
 * together; nothing outside this folder knows a single incident.
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import type { OAuthRefusal } from "../http.js";
import type { AppState, TokenRecord, TokenRegistry } from "../state/token-registry.js";

export type Fields = z.ZodRawShape;
type NoFields = Record<never, never>;

/** The values of some incident fields, as the switches hold them (every field is always present). */
export type StateOf<S extends Fields> = { [K in keyof S]: z.output<S[K]> };

/** An API call refused by an incident. */
export interface ApiRefusal<Cause extends string = string> {
  status: ContentfulStatusCode;
  code: number;
  message: string;
  /** Counted under `stats().unauthorized[cause]`. */
  cause: Cause;
}

/** What an incident may look at when an API call comes in (the token is already known to be live). */
export interface ApiCall {
  token: TokenRecord;
  /** The scope the operation needs. */
  scope: string;
}

/** Passed to `changed` after a patch changed an app's incident switches. */
export interface ChangeContext {
  clientId: string;
  registry: TokenRegistry;
  now: number;
}

/** What a control verb can do: read and set its incident's switches for one app, or act on the registry. */
export interface VerbContext<S extends Fields> {
  /** The client id the caller named; `undefined` means the default (the first app, unless the verb says otherwise). */
  readonly clientId: string | undefined;
  /** The app addressed; throws a `RangeError` (HTTP 404) for an unknown client id. */
  app(): AppState;
  state(): StateOf<S>;
  /** Sets switches of the app through the same validation and `changed` hooks as `control.set`. */
  set(values: Partial<StateOf<S>>): void;
  readonly registry: TokenRegistry;
}

/**
 * A control verb: `control.<name>(...args)` in JS, `POST /__sim/apps/{clientId}/<path>` with `body` over
 * HTTP. `args` maps the JS arguments onto the HTTP shape, so both run the same validation and `run`.
 */
export interface AppVerb<S extends Fields, B extends z.ZodType, A extends unknown[], R> {
  path: string;
  body: B;
  args(...args: A): { clientId?: string | undefined; body: z.input<B> };
  run(ctx: VerbContext<S>, body: z.output<B>): R;
  /** The HTTP answer for a result; without it `{ ok: true }`, or the result itself when it is an object. */
  json?(result: R): Record<string, unknown>;
}

export type AnyVerb<S extends Fields = Fields> = AppVerb<S, z.ZodType, never[], unknown>;

/** A CLI flag that sets an incident's switches for one app at start. */
export interface IncidentFlag<S extends Fields> {
  /** The flag without its dashes, e.g. `deactivate`. */
  name: string;
  /** Placeholder in `--help`, e.g. `CLIENT_ID`. */
  arg: string;
  help: string;
  /** Reads one value; throws a `TypeError` that names the flag and never repeats the value. */
  parse(value: string): { clientId: string; values: Partial<StateOf<S>> };
}

export interface IncidentDef<S extends Fields, R extends Fields, V, C extends string> {
  /** The first cell of its row in the README's incident table. */
  name: string;
  defaults: StateOf<S>;
  /** Causes this incident adds to `stats().unauthorized`. */
  causes?: readonly C[];
  /** At a mint with valid credentials: the scopes to grant, or a refusal (4700-4799). */
  mint?(state: StateOf<S & R>, scopes: readonly string[]): readonly string[] | OAuthRefusal;
  /** At an API call with a live token, before the scope check: a refusal, or `undefined` to go on. */
  apiCall?(state: StateOf<S & R>, call: ApiCall): ApiRefusal<C> | undefined;
  /** After a patch changed this app's switches (not at start or reset: no token exists then). */
  changed?(before: StateOf<S & R>, after: StateOf<S & R>, ctx: ChangeContext): void;
  verbs?: V;
  flags?: readonly IncidentFlag<S>[];
}

export interface Incident<S extends Fields, R extends Fields, V, C extends string>
  extends IncidentDef<S, R, V, C> {
  fields: S;
  /** Fields of other incidents this one reads; they must be defined by an entry listed before it. */
  reads: readonly string[];
  verbs: V;
  causes: readonly C[];
  flags: readonly IncidentFlag<S>[];
}

/**
 * Starts an incident entry from its fields. `reads` names another incident whose fields this one's hooks
 * read (typed, and checked at load). The returned helpers type verbs and flags against the fields.
 *
 * @example
 * ```ts
 * const fields = incidentFields({ deactivated: z.boolean() });
 * export const deactivation = fields.define({ name: "app deactivated", defaults: { deactivated: false } });
 * ```
 */
export function incidentFields<S extends Fields, R extends Fields = NoFields>(
  fields: S,
  reads?: { fields: R },
) {
  return {
    verb<B extends z.ZodType, A extends unknown[], Res>(verb: AppVerb<S, B, A, Res>): AppVerb<S, B, A, Res> {
      return verb;
    },
    flag(flag: IncidentFlag<S>): IncidentFlag<S> {
      return flag;
    },
    /** A flag `--<name> CLIENT_ID` that sets fixed `values` for that app. */
    clientFlag(name: string, help: string, values: Partial<StateOf<S>>): IncidentFlag<S> {
      return {
        name,
        arg: "CLIENT_ID",
        help,
        parse: (clientId) => {
          if (clientId === "") throw flagError(name, "a client id");
          return { clientId, values };
        },
      };
    },
    define<V extends Record<string, AnyVerb<S>> = NoFields, C extends string = never>(
      def: IncidentDef<S, R, V, C>,
    ): Incident<S, R, V, C> {
      return {
        ...def,
        fields,
        reads: Object.keys(reads?.fields ?? {}),
        verbs: def.verbs ?? ({} as V),
        causes: def.causes ?? [],
        flags: def.flags ?? [],
      };
    },
  };
}

/** Whether a mint outcome is a refusal rather than the scopes to grant. */
export function isRefusal(outcome: readonly string[] | OAuthRefusal): outcome is OAuthRefusal {
  return !Array.isArray(outcome);
}

/** A CLI value error that names the flag and the expected shape, never the value (it may hold a secret). */
export function flagError(name: string, expected: string): TypeError {
  return new TypeError(`--${name} must be ${expected}`);
}

/** Splits `CLIENT_ID:REST` at the first colon; throws `flagError` when either side is empty. */
export function clientAndRest(name: string, value: string, expected: string): [string, string] {
  const colon = value.indexOf(":");
  const clientId = value.slice(0, colon);
  const rest = value.slice(colon + 1);
  if (colon <= 0 || rest === "") throw flagError(name, expected);
  return [clientId, rest];
}
