/**
 * Reports on held meetings and webinars (category Heavy): a host's meetings between `from` and `to`
 * (required, `yyyy-mm-dd`, at most a month apart), and for one meeting or webinar (id: its latest instance,
 * or an instance uuid) its details and participants. Nothing held: 404 / 3001. A bad page token on the
 * participant reports is HTTP 300 / code 300, as Zoom documents those two; elsewhere HTTP 400.
 */
import type { Hono } from "hono";
import { z } from "zod";
import { check } from "../body-check.js";
import { type SimContext, type SimEnv, zoomError } from "../http.js";
import {
  type ReportedInstance,
  reportDetails,
  reportMeetingRow,
  reportParticipantRow,
} from "../report-body.js";
import type { Simulation } from "../simulation.js";
import type { RegistrantBook } from "../state/registrants.js";
import { meetingKey } from "./meeting-key.js";
import { envelope, page, pageByIndex, pageRequest } from "./paging.js";

const DAY_MS = 86_400_000;
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Invalid date.")
  .refine((s) => !Number.isNaN(Date.parse(s)), "Invalid date.");
const meetingsQuery = z.looseObject({
  from: date,
  to: date,
  type: z.enum(["past", "pastOne", "pastJoined"]).optional(),
});
const participantsQuery = z.looseObject({ include_fields: z.literal("registrant_id").optional() });

type Kind = "meetings" | "webinars";

export function registerReports(app: Hono<SimEnv>, sim: Simulation): void {
  app.get("/v2/report/users/:userId/meetings", sim.api("reportMeetings"), (c) => userMeetings(c, sim));
  app.get("/v2/report/meetings/:meetingId", sim.api("reportMeetingDetails"), (c) =>
    details(c, sim, "meetings"),
  );
  app.get("/v2/report/meetings/:meetingId/participants", sim.api("reportMeetingParticipants"), (c) =>
    participants(c, sim, "meetings"),
  );
  app.get("/v2/report/webinars/:webinarId", sim.api("reportWebinarDetails"), (c) =>
    details(c, sim, "webinars"),
  );
  app.get("/v2/report/webinars/:webinarId/participants", sim.api("reportWebinarParticipants"), (c) =>
    participants(c, sim, "webinars"),
  );
  for (const path of [
    "/v2/report/users/:userId/meetings",
    "/v2/report/meetings/:meetingId",
    "/v2/report/meetings/:meetingId/participants",
    "/v2/report/webinars/:webinarId",
    "/v2/report/webinars/:webinarId/participants",
  ]) {
    app.all(path, (c) => sim.methodNotAllowed(c, "GET"));
  }
}

/** The latest or named held instance, with the registrants of its meeting or webinar. */
function instance(
  c: SimContext,
  sim: Simulation,
  kind: Kind,
): { i: ReportedInstance; book: RegistrantBook } | undefined {
  const accountId = c.get("app").accountId;
  if (kind === "meetings") {
    const p = sim.meetings.pastInstance(accountId, meetingKey(c));
    if (!p) return undefined;
    const recorded = sim.recordings.find(accountId, p.uuid) !== undefined;
    return { i: { ...p, ...pick(p.meeting), host: p.meeting.host, recorded }, book: p.meeting.registrants };
  }
  const p = sim.webinars.pastInstance(accountId, meetingKey(c, "webinarId"));
  if (!p) return undefined;
  return {
    i: { ...p, ...pick(p.webinar), host: p.webinar.host, recorded: false },
    book: p.webinar.registrants,
  };
}

function pick(event: { id: number; type: number; topic: string }) {
  return { id: event.id, type: event.type, topic: event.topic };
}

function notFound(c: SimContext, kind: Kind): Response {
  const id = meetingKey(c, kind === "meetings" ? "meetingId" : "webinarId");
  return zoomError(
    c,
    404,
    3001,
    `${kind === "meetings" ? "Meeting" : "Webinar"} ${id} not found or has expired.`,
  );
}

function details(c: SimContext, sim: Simulation, kind: Kind): Response {
  const found = instance(c, sim, kind);
  return found ? c.json(reportDetails(found.i), 200) : notFound(c, kind);
}

function participants(c: SimContext, sim: Simulation, kind: Kind): Response {
  const query = check(c, participantsQuery, c.req.query());
  if (!query.ok) return query.response;
  const found = instance(c, sim, kind);
  if (!found) return notFound(c, kind);
  const key = `report-participants|${kind}|${found.i.uuid}`;
  const request = pageRequest(c, sim.cursors, key, { tokenStatus: 300 });
  if (!request.ok) return request.response;
  const { items, envelope: fields } = pageByIndex(found.i.participants, request, sim.cursors, key);
  const withIds = query.value.include_fields === "registrant_id";
  const rows = items.map((p) =>
    reportParticipantRow(
      p,
      found.i,
      withIds ? (found.book.byEmail(p.user_email || "-")?.id ?? "") : undefined,
    ),
  );
  return c.json({ ...fields, participants: rows }, 200);
}

function userMeetings(c: SimContext, sim: Simulation): Response {
  const userId = c.req.param("userId") ?? "";
  const accountId = c.get("app").accountId;
  const host = sim.users.find(accountId, userId);
  if (!host) return zoomError(c, 404, 1001, `User ${userId} not exist or not belong to this account.`);
  const query = check(c, meetingsQuery, c.req.query());
  if (!query.ok) return query.response;
  const { from, to } = query.value;
  const start = Date.parse(from);
  const end = Date.parse(to) + DAY_MS - 1;
  if (end < start || end - start > 31 * DAY_MS) {
    const message = "The date range must run forward and span at most a month.";
    return zoomError(c, 400, 300, "Validation Failed.", [{ field: "to", message }]);
  }
  const key = `report-meetings|${host.id}|${from}|${to}`;
  const request = pageRequest(c, sim.cursors, key);
  if (!request.ok) return request.response;
  const held = sim.meetings
    .heldBy(host)
    .filter((p) => p.start >= start && p.start <= end)
    .map((p, index) => ({ p, position: index + 1 }));
  const { items, next } = page(held, (x) => x.position, request, sim.cursors, key);
  const rows = items.map(({ p }) =>
    reportMeetingRow({
      ...p,
      ...pick(p.meeting),
      host,
      recorded: sim.recordings.find(accountId, p.uuid) !== undefined,
    }),
  );
  return c.json({ from, to, ...envelope(held.length, request.size, next), meetings: rows }, 200);
}
