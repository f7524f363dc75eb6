/**
 * Scopes taken away from an app (a 4711 "does not contain scopes" on the calls that need them). Scopes
 * follow mint time: a token carries the scopes granted when it was minted; removing a scope takes it from
 * every token at once, and granting it again reaches only tokens minted after that, so a client must mint
 * once to pick a re-added scope up.
 */
import { z } from "zod";
import { clientAndRest, incidentFields } from "./incident.js";

const scope = z.string().min(1);
const fields = incidentFields({
  /** Scopes taken from the app and from every token it holds; calls that need one get code 4711. @default [] */
  removedScopes: z.array(scope),
});
const FLAG_SHAPE = "CLIENT_ID:SCOPE[,SCOPE...]";

export const removedScopes = fields.define({
  name: "scopes removed",
  defaults: { removedScopes: [] },
  mint: (state, scopes) => scopes.filter((s) => !state.removedScopes.includes(s)),
  changed: (before, after, ctx) => {
    const taken = after.removedScopes.filter((s) => !before.removedScopes.includes(s));
    if (taken.length > 0) ctx.registry.stripScopes(ctx.clientId, taken);
  },
  verbs: {
    /** Takes scopes from the app and its tokens: calls that need them get code 4711. */
    removeScopes: fields.verb({
      path: "remove-scopes",
      body: z.strictObject({ scopes: z.array(scope).min(1) }),
      args: (scopes: string[], clientId?: string) => ({ clientId, body: { scopes } }),
      run: (ctx, body) =>
        ctx.set({ removedScopes: [...new Set([...ctx.state().removedScopes, ...body.scopes])] }),
    }),
    /** Grants the removed scopes again; only tokens minted from now on carry them. */
    restoreScopes: fields.verb({
      path: "restore-scopes",
      body: z.strictObject({}),
      args: (clientId?: string) => ({ clientId, body: {} }),
      run: (ctx) => ctx.set({ removedScopes: [] }),
    }),
  },
  flags: [
    fields.flag({
      name: "remove-scopes",
      arg: FLAG_SHAPE,
      help: "start with those scopes taken from that app (repeatable)",
      parse: (value) => {
        const [clientId, list] = clientAndRest("remove-scopes", value, FLAG_SHAPE);
        return { clientId, values: { removedScopes: list.split(",").filter((s) => s !== "") } };
      },
    }),
  ],
});
