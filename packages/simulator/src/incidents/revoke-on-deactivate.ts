/**
 * What a deactivation does to the app's tokens. Zoom has not confirmed whether tokens minted before a
 * deactivation work again after the reactivation (FACTS.md), so both are switchable: by default they
 * do; with `revokeOnDeactivate` the deactivation revokes them, and after the reactivation only tokens
 * minted since the deactivation work. The switch is read at the moment the app is deactivated.
 */
import { z } from "zod";
import { deactivation } from "./deactivation.js";
import { incidentFields } from "./incident.js";

const fields = incidentFields(
  {
    /** Deactivating the app revokes every token minted before it. @default false */
    revokeOnDeactivate: z.boolean(),
  },
  deactivation,
);

export const revokeOnDeactivate = fields.define({
  name: "tokens revoked by deactivation",
  defaults: { revokeOnDeactivate: false },
  changed: (before, after, ctx) => {
    if (!before.deactivated && after.deactivated && after.revokeOnDeactivate) {
      ctx.registry.revokeAll(ctx.clientId);
    }
  },
  flags: [
    fields.clientFlag("revoke-on-deactivate", "deactivating that app revokes its older tokens (repeatable)", {
      revokeOnDeactivate: true,
    }),
  ],
});
