/**
 * The token endpoint refuses an app whose credentials are right, with a code of Zoom's 4700 family: an
 * account suspended or locked, say (what Zoom answers then is not documented, so code, status and text
 * are chosen by the test). The app's live tokens are left alone.
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import { clientAndRest, flagError, incidentFields } from "./incident.js";

const refusal = z.strictObject({
  /** Zoom's code in the answer, 4700-4799. */
  code: z.number().int().min(4700).max(4799),
  /** HTTP status. @default 400 */
  status: z.number().int().min(400).max(499).default(400),
  /** OAuth `error`. @default "invalid_request" */
  error: z.string().min(1).default("invalid_request"),
  /** OAuth `reason`. @default "Token request refused." */
  reason: z.string().min(1).default("Token request refused."),
});

/** How the token endpoint refuses an app (`refuseMints`): `{ code, status?, error?, reason? }`. */
export type MintRefusal = z.input<typeof refusal>;

const fields = incidentFields({
  /** Valid credentials, yet every mint is refused with this answer; `null` mints normally. @default null */
  mintRefusal: refusal.nullable(),
});
const FLAG_SHAPE = "CLIENT_ID:CODE (CODE 4700-4799)";

export const mintRefusal = fields.define({
  name: "mints refused",
  defaults: { mintRefusal: null },
  mint: (state, scopes) =>
    state.mintRefusal
      ? { ...state.mintRefusal, status: state.mintRefusal.status as ContentfulStatusCode }
      : scopes,
  verbs: {
    /** The token endpoint refuses the app from now on, e.g. `{ code: 4700, reason: "Account suspended." }`. */
    refuseMints: fields.verb({
      path: "refuse-mints",
      body: refusal,
      args: (answer: MintRefusal, clientId?: string) => ({ clientId, body: answer }),
      run: (ctx, body) => ctx.set({ mintRefusal: body }),
    }),
    /** The token endpoint mints for the app again. */
    allowMints: fields.verb({
      path: "allow-mints",
      body: z.strictObject({}),
      args: (clientId?: string) => ({ clientId, body: {} }),
      run: (ctx) => ctx.set({ mintRefusal: null }),
    }),
  },
  flags: [
    fields.flag({
      name: "refuse-mints",
      arg: "CLIENT_ID:CODE",
      help: "start with mints of that app refused with that 47xx code (repeatable)",
      parse: (value) => {
        const [clientId, code] = clientAndRest("refuse-mints", value, FLAG_SHAPE);
        const parsed = refusal.safeParse({ code: /^\d+$/.test(code) ? Number(code) : Number.NaN });
        if (!parsed.success) throw flagError("refuse-mints", FLAG_SHAPE);
        return { clientId, values: { mintRefusal: parsed.data } };
      },
    }),
  ],
});
