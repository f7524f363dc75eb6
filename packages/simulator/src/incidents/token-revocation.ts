/** Every live token revoked at once (what an admin's "revoke" would do): they answer 401 with code 124. */
import { z } from "zod";
import { incidentFields } from "./incident.js";

const fields = incidentFields({});

export const tokenRevocation = fields.define({
  name: "tokens revoked",
  defaults: {},
  verbs: {
    /** Revokes every live token of one app, or of every app when no client id is given. Returns how many. */
    revokeTokens: fields.verb({
      path: "revoke-tokens",
      body: z.strictObject({}),
      args: (clientId?: string) => ({ clientId, body: {} }),
      run: (ctx) => ctx.registry.revokeAll(ctx.clientId === undefined ? undefined : ctx.app().clientId),
      json: (revoked) => ({ revoked }),
    }),
  },
});
