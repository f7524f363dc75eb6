/**
 * The control surface over HTTP, under `/__sim/`: the same operations as the JS `control`, so several
 * processes can share one simulator. Every body is validated; anything wrong is a 400 that lists each
 * problem as `{ path, message }`.
 */
import type { Hono } from "hono";
import { z } from "zod";
import type { SimulatorControl } from "../control.js";
import { BodyProblem, readText, type SimContext, type SimEnv } from "../http.js";
import { describeIssues, type PatchProblem, switchesPatchSchema } from "../switches.js";
import type { SwitchesPatch } from "../types.js";

const participant = z.strictObject({
  name: z.string().min(1),
  user_email: z.string().optional(),
  duration: z.number().int().min(0).optional(),
});

const seedMeeting = z.strictObject({
  host: z.string().min(1),
  topic: z.string().max(200).optional(),
  type: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(8)]).optional(),
  start_time: z.iso.datetime({ offset: true }).optional(),
  duration: z.number().int().min(0).optional(),
  timezone: z.string().optional(),
  agenda: z.string().optional(),
  ended: z.boolean().optional(),
  participants: z.array(participant).optional(),
});

const schemas = {
  scopes: z.strictObject({ scopes: z.array(z.string().min(1)).min(1) }),
  rotate: z.strictObject({
    newSecret: z.string().min(1).optional(),
    graceSeconds: z.number().min(0).optional(),
    oldTokens: z.enum(["keep", "revoke-at-grace-end", "revoke-now"]).optional(),
  }),
  seed: z.strictObject({ meetings: z.array(seedMeeting).min(1) }),
  start: z.strictObject({ participants: z.array(participant).optional() }),
  empty: z.strictObject({}),
};

export function registerControl(app: Hono<SimEnv>, control: SimulatorControl, maxBodyBytes: number): void {
  const run = <T>(
    c: SimContext,
    schema: z.ZodType<T>,
    action: (body: T) => unknown,
    status: 200 | 201 = 200,
  ) => runAction(c, maxBodyBytes, schema, action, status);
  app.get("/__sim/stats", (c) => c.json(control.stats()));
  app.post("/__sim/stats/reset", (c) => run(c, schemas.empty, () => control.resetStats()));
  app.get("/__sim/switches", (c) => c.json(control.switches()));
  app.post("/__sim/control", (c) =>
    run(c, switchesPatchSchema, (patch) => ({ switches: control.set(patch as SwitchesPatch) })),
  );
  app.post("/__sim/reset", (c) => run(c, schemas.empty, () => control.reset()));
  app.post("/__sim/apps/:clientId/deactivate", (c) =>
    run(c, schemas.empty, () => control.deactivateApp(c.req.param("clientId"))),
  );
  app.post("/__sim/apps/:clientId/reactivate", (c) =>
    run(c, schemas.empty, () => control.reactivateApp(c.req.param("clientId"))),
  );
  app.post("/__sim/apps/:clientId/remove-scopes", (c) =>
    run(c, schemas.scopes, (body) => control.removeScopes(body.scopes, c.req.param("clientId"))),
  );
  app.post("/__sim/apps/:clientId/restore-scopes", (c) =>
    run(c, schemas.empty, () => control.restoreScopes(c.req.param("clientId"))),
  );
  app.post("/__sim/apps/:clientId/rotate-secret", (c) =>
    run(c, schemas.rotate, (body) => control.rotateSecret({ ...body, clientId: c.req.param("clientId") })),
  );
  app.post("/__sim/apps/:clientId/revoke-tokens", (c) =>
    run(c, schemas.empty, () => ({ revoked: control.revokeTokens(c.req.param("clientId")) })),
  );
  app.post("/__sim/meetings", (c) =>
    run(c, schemas.seed, (body) => ({ meetings: control.seedMeetings(body.meetings) }), 201),
  );
  app.post("/__sim/meetings/:meetingId/start", (c) =>
    run(c, schemas.start, (body) => control.startMeeting(c.req.param("meetingId") ?? "", body.participants)),
  );
  app.post("/__sim/webhooks/url-validation", async (c) => c.json(await control.sendUrlValidation()));
  app.all("/__sim/*", (c) =>
    c.json({ error: "not_found", message: `No control endpoint ${c.req.method} ${c.req.path}` }, 404),
  );
}

/** Parses the body (empty counts as `{}`), runs the action, and maps its errors to 400 or 404. */
async function runAction<T>(
  c: SimContext,
  maxBodyBytes: number,
  schema: z.ZodType<T>,
  action: (body: T) => unknown,
  status: 200 | 201 = 200,
): Promise<Response> {
  const text = await readText(c, maxBodyBytes);
  if (text instanceof BodyProblem) return text.respond(c);
  let json: unknown = {};
  if (text.trim() !== "") {
    try {
      json = JSON.parse(text);
    } catch {
      return invalid(c, [{ path: "(body)", message: "Body is not valid JSON." }]);
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return invalid(c, describeIssues(parsed.error));
  try {
    const result = action(parsed.data);
    return c.json((result ?? { ok: true }) as Record<string, unknown>, status);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof RangeError) return c.json({ error: "not_found", message }, 404);
    return invalid(c, [{ path: "(body)", message }]);
  }
}

function invalid(c: SimContext, problems: PatchProblem[]): Response {
  return c.json({ error: "invalid_control", message: "The control request is invalid.", problems }, 400);
}
