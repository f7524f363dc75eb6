/**
 * Past webinars: the held instances of a webinar, the participants of one (by webinar id: the latest, or
 * by instance uuid; paged), and its absentees (approved registrants who did not join; paged). A webinar
 * that never ended has none: 404 with code 3001.
 */
import type { Hono } from "hono";
import { type SimContext, type SimEnv, zoomError } from "../http.js";
import { participantItem } from "../meeting-body.js";
import type { Simulation } from "../simulation.js";
import { registrantBody } from "../state/registrants.js";
import { pastInstanceItem, webinarJoinUrl } from "../webinar-body.js";
import { meetingKey } from "./meeting-key.js";
import { pageByIndex, pageRequest } from "./paging.js";

export function registerPastWebinars(app: Hono<SimEnv>, sim: Simulation): void {
  app.get("/v2/past_webinars/:webinarId/instances", sim.api("pastWebinars"), (c) => instances(c, sim));
  app.get("/v2/past_webinars/:webinarId/participants", sim.api("listWebinarParticipants"), (c) =>
    participants(c, sim),
  );
  app.get("/v2/past_webinars/:webinarId/absentees", sim.api("webinarAbsentees"), (c) => absentees(c, sim));
  for (const leaf of ["instances", "participants", "absentees"]) {
    app.all(`/v2/past_webinars/:webinarId/${leaf}`, (c) => sim.methodNotAllowed(c, "GET"));
  }
}

function notEnded(c: SimContext, id: string): Response {
  return zoomError(c, 404, 3001, `Webinar ${id} does not exist or has not ended.`);
}

function instances(c: SimContext, sim: Simulation): Response {
  const id = c.req.param("webinarId") ?? "";
  const list = sim.webinars.instances(c.get("app").accountId, id);
  if (!list) return notEnded(c, id);
  return c.json({ webinars: list.map(pastInstanceItem) }, 200);
}

function participants(c: SimContext, sim: Simulation): Response {
  const id = meetingKey(c, "webinarId");
  const instance = sim.webinars.pastInstance(c.get("app").accountId, id);
  if (!instance) return notEnded(c, id);
  const key = `webinar-participants|${instance.uuid}`;
  const request = pageRequest(c, sim.cursors, key);
  if (!request.ok) return request.response;
  const { items, envelope } = pageByIndex(instance.participants, request, sim.cursors, key);
  return c.json({ ...envelope, participants: items.map(participantItem) }, 200);
}

function absentees(c: SimContext, sim: Simulation): Response {
  const id = meetingKey(c, "webinarId");
  const instance = sim.webinars.pastInstance(c.get("app").accountId, id);
  if (!instance) return notEnded(c, id);
  const { webinar } = instance;
  if (Number(webinar.settings.approval_type) === 2) {
    return zoomError(c, 400, 3000, `This Webinar has not registration required: ${id}.`);
  }
  const joined = new Set(
    instance.participants.map((p) => p.user_email.toLowerCase()).filter((e) => e !== ""),
  );
  const absent = webinar.registrants.list("approved").filter((r) => !joined.has(r.email.toLowerCase()));
  const key = `absentees|${instance.uuid}`;
  const request = pageRequest(c, sim.cursors, key);
  if (!request.ok) return request.response;
  const { items, envelope } = pageByIndex(absent, request, sim.cursors, key);
  const joinUrl = webinarJoinUrl(webinar, sim.url);
  return c.json(
    { ...envelope, page_number: 1, registrants: items.map((r) => registrantBody(r, joinUrl)) },
    200,
  );
}
