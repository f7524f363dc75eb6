/**
 * A meeting's held instances (`GET /past_meetings/{meetingId}/instances`, empty until one ends; 404 / 3001
 * for a meeting the account never had) and the poll answers of its latest or a given instance
 * (`GET /past_meetings/{meetingId}/polls`, see state/polls.ts for how answers are filled in).
 */
import type { Hono } from "hono";
import { type SimEnv, zoomError } from "../http.js";
import { pastInstanceItem } from "../meeting-body.js";
import type { Simulation } from "../simulation.js";
import { zoomTime } from "../time.js";
import { meetingKey } from "./meeting-key.js";

export function registerPastMeetingExtras(app: Hono<SimEnv>, sim: Simulation): void {
  app.get("/v2/past_meetings/:meetingId/instances", sim.api("pastMeetings"), (c) => {
    const id = c.req.param("meetingId") ?? "";
    const list = sim.meetings.instances(c.get("app").accountId, id);
    if (!list) return zoomError(c, 404, 3001, `Meeting does not exist: ${id}.`);
    return c.json({ meetings: list.map(pastInstanceItem) }, 200);
  });
  app.get("/v2/past_meetings/:meetingId/polls", sim.api("listPastMeetingPolls"), (c) => {
    const id = meetingKey(c);
    const instance = sim.meetings.pastInstance(c.get("app").accountId, id);
    if (!instance)
      return zoomError(c, 404, 3001, `The meeting ID is invalid or the meeting has not ended: ${id}.`);
    return c.json(
      {
        id: instance.meeting.id,
        uuid: instance.uuid,
        start_time: zoomTime(instance.start),
        questions: instance.pollResults,
      },
      200,
    );
  });
  app.all("/v2/past_meetings/:meetingId/instances", (c) => sim.methodNotAllowed(c, "GET"));
  app.all("/v2/past_meetings/:meetingId/polls", (c) => sim.methodNotAllowed(c, "GET"));
}
