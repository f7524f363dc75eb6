/** The webinar a path names, or Zoom's 404 / 3001 "Webinar {id} not found or has expired." */
import { type SimContext, zoomError } from "../http.js";
import type { Simulation } from "../simulation.js";
import type { WebinarRecord } from "../state/webinars.js";

export function webinarNotFound(c: SimContext, id: string): Response {
  return zoomError(c, 404, 3001, `Webinar ${id} not found or has expired.`);
}

export function findWebinar(c: SimContext, sim: Simulation): WebinarRecord | Response {
  const id = c.req.param("webinarId") ?? "";
  return sim.webinars.get(c.get("app").accountId, id) ?? webinarNotFound(c, id);
}

export function withWebinar(
  c: SimContext,
  sim: Simulation,
  handle: (webinar: WebinarRecord) => Response | Promise<Response>,
): Response | Promise<Response> {
  const found = findWebinar(c, sim);
  return "registrants" in found ? handle(found) : found;
}
