/** `GET /users/{userId}/meetings`: a host's meetings by `type`, paged with `next_page_token`. */
import type { Hono } from "hono";
import { type SimContext, type SimEnv, zoomError } from "../http.js";
import { meetingListItem } from "../meeting-body.js";
import type { Simulation } from "../simulation.js";
import type { MeetingRecord } from "../state/meetings.js";
import { page, pageRequest } from "./paging.js";

type ListType = "scheduled" | "live" | "upcoming" | "upcoming_meetings" | "previous_meetings";
const TYPES = new Set<string>(["scheduled", "live", "upcoming", "upcoming_meetings", "previous_meetings"]);

export function registerMeetingList(app: Hono<SimEnv>, sim: Simulation): void {
  app.get("/v2/users/:userId/meetings", sim.api("meetings"), (c) => list(c, sim));
  app.all("/v2/users/:userId/meetings", (c) => sim.methodNotAllowed(c, "GET, POST"));
}

function list(c: SimContext, sim: Simulation): Response {
  const userId = c.req.param("userId") ?? "";
  const host = sim.users.find(c.get("app").accountId, userId);
  if (!host) return zoomError(c, 404, 1001, `User does not exist: ${userId}.`);
  const type = c.req.query("type") || "scheduled";
  if (!TYPES.has(type)) {
    return zoomError(c, 400, 300, "Validation Failed.", [{ field: "type", message: "Invalid field." }]);
  }
  const key = `meetings|${host.id}|${type}`;
  const request = pageRequest(c, sim.cursors, key);
  if (!request.ok) return request.response;
  const now = sim.now();
  const all = sim.meetings.listByHost(host, (m) => matches(m, type as ListType, now));
  const { items, next } = page(all, (m) => m.seq, request, sim.cursors, key);
  return c.json(
    {
      page_size: request.size,
      total_records: all.length,
      next_page_token: next,
      meetings: items.map((m) => meetingListItem(m, sim.url)),
    },
    200,
  );
}

/** Zoom's `scheduled` lists every unexpired meeting except instant ones; the others narrow by time. */
function matches(m: MeetingRecord, type: ListType, now: number): boolean {
  const end = m.startTime === undefined ? undefined : m.startTime + m.duration * 60_000;
  switch (type) {
    case "scheduled":
      return m.type !== 1;
    case "live":
      return m.status === "started";
    case "upcoming":
    case "upcoming_meetings":
      return m.startTime === undefined || m.startTime >= now;
    case "previous_meetings":
      return end !== undefined && end < now;
  }
}
