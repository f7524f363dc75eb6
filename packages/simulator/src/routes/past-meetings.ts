/**
 * Past meetings: details of the latest held instance and its participants. A meeting that never ended
 * has none: 404 with code 3001, as Zoom answers.
 */
import type { Hono } from "hono";
import { type SimContext, type SimEnv, zoomError } from "../http.js";
import { participantItem, pastMeetingBody } from "../meeting-body.js";
import type { Simulation } from "../simulation.js";
import { page, pageRequest } from "./paging.js";

const SCOPE = "meeting:read:admin";

export function registerPastMeetings(app: Hono<SimEnv>, sim: Simulation): void {
  app.get(
    "/v2/past_meetings/:meetingId",
    sim.api({ id: "pastMeetingDetails", category: "Light", scope: SCOPE }),
    (c) => details(c, sim),
  );
  app.get(
    "/v2/past_meetings/:meetingId/participants",
    sim.api({ id: "pastMeetingParticipants", category: "Medium", scope: SCOPE }),
    (c) => participants(c, sim),
  );
  app.all("/v2/past_meetings/:meetingId", (c) => sim.methodNotAllowed(c, "GET"));
  app.all("/v2/past_meetings/:meetingId/participants", (c) => sim.methodNotAllowed(c, "GET"));
}

function notEnded(c: SimContext, id: string): Response {
  return zoomError(c, 404, 3001, `The meeting ID is invalid or the meeting has not ended: ${id}.`);
}

/** Zoom asks for uuids that start with "/" or contain "//" to be encoded twice. */
function meetingKey(c: SimContext): string {
  const raw = c.req.param("meetingId") ?? "";
  return raw.includes("%") ? safeDecode(raw) : raw;
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
  if (!request.ok) return zoomError(c, 400, 300, "Validation Failed.", request.errors);
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

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
