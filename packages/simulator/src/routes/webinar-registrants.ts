/**
 * Webinar registrants (routes shared with meetings in registrant-routes.ts). Registration off
 * (`approval_type` 2) is 400 / 3000 and an unknown registrant 404 / 3000 (400 on delete), as Zoom words them.
 */
import type { Hono } from "hono";
import { type SimEnv, zoomError } from "../http.js";
import type { Simulation } from "../simulation.js";
import type { WebinarRecord } from "../state/webinars.js";
import { webinarJoinUrl } from "../webinar-body.js";
import { type RegistrantEvent, registerRegistrantRoutes } from "./registrant-routes.js";
import { findWebinar } from "./webinar-lookup.js";

export function registrantEvent(w: WebinarRecord, url: string): RegistrantEvent {
  return {
    subject: w,
    id: w.id,
    topic: w.topic,
    startTime: w.startTime,
    book: w.registrants,
    approvalType: Number(w.settings.approval_type),
    joinUrl: webinarJoinUrl(w, url),
  };
}

export function registerWebinarRegistrants(app: Hono<SimEnv>, sim: Simulation): void {
  registerRegistrantRoutes(app, sim, {
    base: "/v2/webinars/:webinarId",
    events: "webinar",
    ops: {
      list: "webinarRegistrants",
      create: "webinarRegistrantCreate",
      get: "webinarRegistrantGet",
      remove: "deleteWebinarRegistrant",
      status: "webinarRegistrantStatus",
    },
    find: (c, s) => {
      const found = findWebinar(c, s);
      return "registrants" in found ? registrantEvent(found, s.url) : found;
    },
    notRequired: (c, e) =>
      zoomError(c, 400, 3000, `This webinar does not have registration as required: ${e.id}.`),
    unknownRegistrant: (c, id, forDelete) =>
      zoomError(c, forDelete ? 400 : 404, 3000, `Registrant ${id} was not found.`),
    createdId: (e) => String(e.id),
  });
}
