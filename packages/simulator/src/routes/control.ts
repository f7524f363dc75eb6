/**
 * The control surface over HTTP, under `/__sim/`: the same operations as the JS `control`, so several
 * processes can share one simulator. Every POST must be `application/json` (a cross-site form or
 * `text/plain` POST cannot drive it) and its body is validated; anything wrong is a 400 that lists each
 * problem as `{ path, message }`. The per-app verbs come from the incidents table.
 */
import type { Hono } from "hono";
import { z } from "zod";
import { runVerb, type SimulatorControl } from "../control.js";
import { BodyProblem, readText, type SimContext, type SimEnv } from "../http.js";
import type { AnyVerb } from "../incidents/incident.js";
import { APP_VERBS } from "../incidents/index.js";
import { seedWebinarSchema } from "../seed-webinars.js";
import { seedMeetingSchema, seedParticipantSchema } from "../seeds.js";
import type { Simulation } from "../simulation.js";
import { describeIssues, type PatchProblem, switchesPatchSchema } from "../switches.js";

const noBody = z.strictObject({});
const seedBody = z.strictObject({ meetings: z.array(seedMeetingSchema).min(1) });
const startBody = z.strictObject({ participants: z.array(seedParticipantSchema).optional() });
const seedWebinarsBody = z.strictObject({ webinars: z.array(seedWebinarSchema).min(1) });

/** The control routes other than the per-app verbs, as `[method, path, JS method]` (the README lists them). */
export const CONTROL_ROUTES = [
  ["GET", "/__sim/stats", "stats"],
  ["POST", "/__sim/stats/reset", "resetStats"],
  ["GET", "/__sim/switches", "switches"],
  ["POST", "/__sim/control", "set"],
  ["POST", "/__sim/reset", "reset"],
  ["POST", "/__sim/meetings", "seedMeetings"],
  ["POST", "/__sim/meetings/{meetingId}/start", "startMeeting"],
  ["POST", "/__sim/webinars", "seedWebinars"],
  ["POST", "/__sim/webinars/{webinarId}/start", "startWebinar"],
  ["POST", "/__sim/webhooks/url-validation", "sendUrlValidation"],
] as const;

/** The HTTP path of a per-app verb. */
export function verbPath(verb: AnyVerb): string {
  return `/__sim/apps/{clientId}/${verb.path}`;
}

type ControlName = (typeof CONTROL_ROUTES)[number][2];
type Handler = (c: SimContext) => Response | Promise<Response>;

export function registerControl(app: Hono<SimEnv>, sim: Simulation, control: SimulatorControl): void {
  const run = <T>(
    c: SimContext,
    schema: z.ZodType<T>,
    action: (body: T) => unknown,
    status: 200 | 201 = 200,
  ) => runAction(c, sim.maxBodyBytes, schema, action, status);
  const handlers: Record<ControlName, Handler> = {
    stats: (c) => c.json(control.stats()),
    resetStats: (c) => run(c, noBody, () => control.resetStats()),
    switches: (c) => c.json(control.switches()),
    set: (c) => run(c, switchesPatchSchema, (patch) => ({ switches: control.set(patch) })),
    reset: (c) => run(c, noBody, () => control.reset()),
    seedMeetings: (c) => run(c, seedBody, (body) => ({ meetings: control.seedMeetings(body.meetings) }), 201),
    startMeeting: (c) =>
      run(c, startBody, (body) => control.startMeeting(c.req.param("meetingId") ?? "", body.participants)),
    seedWebinars: (c) =>
      run(c, seedWebinarsBody, (body) => ({ webinars: control.seedWebinars(body.webinars) }), 201),
    startWebinar: (c) =>
      run(c, startBody, (body) => control.startWebinar(c.req.param("webinarId") ?? "", body.participants)),
    sendUrlValidation: (c) => run(c, noBody, () => control.sendUrlValidation()),
  };
  for (const [method, path, name] of CONTROL_ROUTES) app.on(method, honoPath(path), handlers[name]);
  for (const verb of Object.values(APP_VERBS as Record<string, AnyVerb>)) {
    app.post(honoPath(verbPath(verb)), (c) =>
      run(c, verb.body, (body) => {
        const result = runVerb(sim, verb, c.req.param("clientId"), body);
        return verb.json ? verb.json(result) : result;
      }),
    );
  }
  app.all("/__sim/*", (c) =>
    c.json({ error: "not_found", message: `No control endpoint ${c.req.method} ${c.req.path}` }, 404),
  );
}

/** `/a/{b}` (as documented) to `/a/:b` (as Hono routes it). */
function honoPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ":$1");
}

/** Parses the body (empty counts as `{}`), runs the action, and maps its errors to 400 or 404. */
async function runAction<T>(
  c: SimContext,
  maxBodyBytes: number,
  schema: z.ZodType<T>,
  action: (body: T) => unknown,
  status: 200 | 201 = 200,
): Promise<Response> {
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(c.req.header("content-type") ?? "")) {
    return c.json(
      { error: "unsupported_media_type", message: "Control requests must be sent as application/json." },
      415,
    );
  }
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
    const result = await action(parsed.data);
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
