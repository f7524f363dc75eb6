/**
 * Meetings (FACTS.md, "Meetings API"): create 201, get 200, update 204, delete 204, end/recover 204;
 * unknown or deleted meetings 404 with code 3001, unknown hosts 404 with code 1001. Creates and updates
 * count against the host's daily cap.
 */
import type { Hono } from "hono";
import { BodyProblem, readJsonObject, type SimContext, type SimEnv, zoomError } from "../http.js";
import { meetingBody } from "../meeting-body.js";
import { checkMeetingInput, checkStatusInput } from "../meeting-input.js";
import { dailyCapReached } from "../rate-limit.js";
import type { Simulation } from "../simulation.js";
import type { MeetingRecord } from "../state/meetings.js";
import { deletedPayload, editableFields, operatedBy, updatedPayload } from "../webhook-events.js";
import { registerMeetingList } from "./meeting-list.js";
import { withMeeting } from "./meeting-lookup.js";

export function registerMeetings(app: Hono<SimEnv>, sim: Simulation): void {
  app.post("/v2/users/:userId/meetings", sim.api("meetingCreate"), (c) => create(c, sim));
  registerMeetingList(app, sim);
  app.get("/v2/meetings/:meetingId", sim.api("meeting"), (c) =>
    withMeeting(c, sim, (m) => c.json(meetingBody(m, sim.url), 200)),
  );
  app.patch("/v2/meetings/:meetingId", sim.api("meetingUpdate"), (c) => update(c, sim));
  app.delete("/v2/meetings/:meetingId", sim.api("meetingDelete"), (c) =>
    withMeeting(c, sim, (m) => remove(c, sim, m)),
  );
  app.put("/v2/meetings/:meetingId/status", sim.api("meetingStatus"), (c) => status(c, sim));
  app.all("/v2/meetings/:meetingId", (c) => sim.methodNotAllowed(c, "GET, PATCH, DELETE"));
  app.all("/v2/meetings/:meetingId/status", (c) => sim.methodNotAllowed(c, "PUT"));
}

async function create(c: SimContext, sim: Simulation): Promise<Response> {
  const body = await readJsonObject(c, sim.maxBodyBytes);
  if (body instanceof BodyProblem) return body.respond(c);
  const userId = c.req.param("userId") ?? "";
  const accountId = c.get("app").accountId;
  const host = sim.users.find(accountId, userId);
  if (!host) return zoomError(c, 404, 1001, `User does not exist: ${userId}.`);
  const checked = checkMeetingInput(body);
  if (!checked.ok) return zoomError(c, 400, 300, "Validation Failed.", checked.errors);
  if (!sim.limiter.takeDaily(host.id, sim.switches.dailyCap, sim.now())) {
    sim.counters.limited("daily", "Medium");
    return dailyCapReached(c, sim.switches, host.email, sim.now());
  }
  const meeting = sim.meetings.create(accountId, host, checked.input);
  const created = meetingBody(meeting, sim.url);
  sim.webhooks.emit("meeting.created", { account_id: accountId, ...operatedBy(host), object: created });
  return c.json(created, 201);
}

async function update(c: SimContext, sim: Simulation): Promise<Response> {
  const body = await readJsonObject(c, sim.maxBodyBytes);
  if (body instanceof BodyProblem) return body.respond(c);
  return withMeeting(c, sim, (meeting) => {
    const checked = checkMeetingInput(body);
    if (!checked.ok) return zoomError(c, 400, 300, "Validation Failed.", checked.errors);
    if (!sim.limiter.takeDaily(meeting.host.id, sim.switches.dailyCap, sim.now())) {
      sim.counters.limited("daily", "Medium");
      return dailyCapReached(c, sim.switches, meeting.host.email, sim.now());
    }
    const before = editableFields(meeting);
    sim.meetings.update(meeting, checked.input);
    const updated = updatedPayload(meeting, before, sim.now());
    if (updated) sim.webhooks.emit("meeting.updated", updated);
    return c.body(null, 204);
  });
}

function remove(c: SimContext, sim: Simulation, meeting: MeetingRecord): Response {
  if (meeting.status === "started") {
    return zoomError(c, 400, 3002, "Sorry, you cannot delete this meeting since it is in progress.");
  }
  meeting.deleted = true;
  sim.webhooks.emit("meeting.deleted", deletedPayload(meeting));
  return c.body(null, 204);
}

async function status(c: SimContext, sim: Simulation): Promise<Response> {
  const body = await readJsonObject(c, sim.maxBodyBytes);
  if (body instanceof BodyProblem) return body.respond(c);
  const checked = checkStatusInput(body);
  if (!checked.ok) return zoomError(c, 400, 300, "Validation Failed.", checked.errors);
  const recover = checked.action === "recover";
  return withMeeting(
    c,
    sim,
    (meeting) => {
      if (recover) meeting.deleted = false;
      else sim.endMeeting(meeting);
      return c.body(null, 204);
    },
    recover,
  );
}
