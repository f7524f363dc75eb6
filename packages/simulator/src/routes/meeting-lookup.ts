/** The meeting a path names, or Zoom's 404 / 3001 "Meeting does not exist: {id}." */
import { type SimContext, zoomError } from "../http.js";
import type { Simulation } from "../simulation.js";
import type { MeetingRecord } from "../state/meetings.js";

export function meetingNotFound(c: SimContext, id: string): Response {
  return zoomError(c, 404, 3001, `Meeting does not exist: ${id}.`);
}

export function findMeeting(
  c: SimContext,
  sim: Simulation,
  includeDeleted = false,
): MeetingRecord | Response {
  const id = c.req.param("meetingId") ?? "";
  return sim.meetings.get(c.get("app").accountId, id, includeDeleted) ?? meetingNotFound(c, id);
}

export function withMeeting(
  c: SimContext,
  sim: Simulation,
  handle: (meeting: MeetingRecord) => Response | Promise<Response>,
  includeDeleted = false,
): Response | Promise<Response> {
  const found = findMeeting(c, sim, includeDeleted);
  return "uuid" in found ? handle(found) : found;
}
