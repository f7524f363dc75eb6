/**
 * App deactivated (FACTS.md, "Errors and 401": "Tokens stop working when the app is deactivated"):
 * minting still works, and every API call answers 401 with code 124, even with a brand-new token.
 */
import { z } from "zod";
import { incidentFields } from "./incident.js";

const fields = incidentFields({
  /** Minting still works; every API call answers 401 with code 124. @default false */
  deactivated: z.boolean(),
});
const noBody = z.strictObject({});

export const deactivation = fields.define({
  name: "app deactivated",
  defaults: { deactivated: false },
  causes: ["deactivated"],
  apiCall: (state) =>
    state.deactivated
      ? { status: 401, code: 124, message: "Invalid access token.", cause: "deactivated" }
      : undefined,
  verbs: {
    /** App deactivated: minting still works, every API call gets 401 with code 124. */
    deactivateApp: fields.verb({
      path: "deactivate",
      body: noBody,
      args: (clientId?: string) => ({ clientId, body: {} }),
      run: (ctx) => ctx.set({ deactivated: true }),
    }),
    /** Reactivates the app: every token that was not revoked works again. */
    reactivateApp: fields.verb({
      path: "reactivate",
      body: noBody,
      args: (clientId?: string) => ({ clientId, body: {} }),
      run: (ctx) => ctx.set({ deactivated: false }),
    }),
  },
  flags: [
    fields.clientFlag("deactivate", "start with that app deactivated (repeatable)", { deactivated: true }),
  ],
});
