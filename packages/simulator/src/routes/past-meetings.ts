/**
 * Past meetings: details of the latest held instance and its participants. A meeting that never ended
 * has none: 404 with code 3001, as Zoom answers.
 */
import type { Hono } from "hono";
import { type SimContext, type SimEnv, zoomError } from "../http.js";
import { participantItem, pastMeetingBody } from "../meeting-body.js";
import type { Simulation } from "../simulation.js";
import { meetingKey } from "./meeting-key.js";
import { page, pageRequest } from "./paging.js";

export function registerPastMeetings(app: Hono<SimEnv>, sim: Simulation): void {
  app.get("/v2/past_meetings/:meetingId", sim.api("pastMeetingDetails"), (c) => details(c, sim));
  app.get("/v2/past_meetings/:meetingId/participants", sim.api("pastMeetingParticipants"), (c) =>
    participants(c, sim),
  );
  app.all("/v2/past_meetings/:meetingId", (c) => sim.methodNotAllowed(c, "GET"));
  app.all("/v2/past_meetings/:meetingId/participants", (c) => sim.methodNotAllowed(c, "GET"));
}

function notEnded(c: SimContext, id: string): Response {
  return zoomError(c, 404, 3001, `The meeting ID is invalid or the meeting has not ended: ${id}.`);
}

function details(c: SimContext, sim: Simulation): Response {
  const id = meetingKey(c);
  const instance = sim.meetings.pastInstance(c.get("app").accountId, id);
  return instance ? c.json(pastMeetingBody(instance), 200) : notEnded(c, id);
}

function participants(c: SimContext, sim: Simulation): Response {
  const id = meetingKey(c);
  const instance = sim.meetings.pastInstance(c.get("app").accountId, id);
  if (!instance) return notEnded(c, id);
  const key = `participants|${instance.uuid}`;
  const request = pageRequest(c, sim.cursors, key);
  if (!request.ok) return request.response;
  const indexed = instance.participants.map((p, i) => ({ p, position: i + 1 }));
  const { items, next } = page(indexed, (x) => x.position, request, sim.cursors, key);
  return c.json(
    {
      page_count: Math.max(1, Math.ceil(indexed.length / request.size)),
      page_size: request.size,
      total_records: indexed.length,
      next_page_token: next,
      participants: items.map((x) => participantItem(x.p)),
    },
    200,
  );
}
