/**
 * A client secret rotation, like `POST /marketplace/apps/{appId}/rotate_client_secret` (FACTS.md, "Client
 * secret rotation"): the new secret mints at once, the old one until the grace period ends, and tokens
 * minted with the old secret are kept, revoked when the grace ends, or revoked now. The secrets live in the
 * token registry; this entry is the verb.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { OLD_TOKEN_POLICIES } from "../state/token-registry.js";
import { incidentFields } from "./incident.js";

const rotation = z.strictObject({
  /** @default a random secret */
  newSecret: z.string().min(1).optional(),
  /** Seconds the old secret still mints; 0 retires it at once. @default 0 */
  graceSeconds: z.number().min(0).optional(),
  /** @default "keep" */
  oldTokens: z.enum(OLD_TOKEN_POLICIES).optional(),
});

/** A client secret rotation; `clientId` defaults to the first app. */
export type RotateSecretOptions = z.input<typeof rotation> & { clientId?: string };

const fields = incidentFields({});

export const secretRotation = fields.define({
  name: "secret rotated",
  defaults: {},
  verbs: {
    /** Rotates the client secret; old and new both mint until the grace period ends. Returns the new secret. */
    rotateSecret: fields.verb({
      path: "rotate-secret",
      body: rotation,
      args: (options: RotateSecretOptions = {}) => {
        const { clientId, ...body } = options;
        return { clientId, body };
      },
      run: (ctx, body) => {
        const app = ctx.app();
        const newSecret = body.newSecret ?? randomBytes(24).toString("base64url");
        ctx.registry.rotate(app, newSecret, body.graceSeconds ?? 0, body.oldTokens ?? "keep");
        return { clientId: app.clientId, newSecret };
      },
    }),
  },
});
