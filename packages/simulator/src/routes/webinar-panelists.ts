/**
 * Webinar panelists: list, add (an email already on the list is updated, not added twice), remove all,
 * remove one (unknown: 404 / 1001, as Zoom answers for a panelist it cannot find).
 */
import { randomBytes } from "node:crypto";
import type { Hono } from "hono";
import { readBody } from "../body-check.js";
import { type SimContext, type SimEnv, zoomError } from "../http.js";
import { zoomTime } from "../meeting-body.js";
import type { Simulation } from "../simulation.js";
import { panelistBody } from "../webinar-body.js";
import { panelistInput } from "../webinar-input.js";
import { withWebinar } from "./webinar-lookup.js";

export function registerWebinarPanelists(app: Hono<SimEnv>, sim: Simulation): void {
  const base = "/v2/webinars/:webinarId/panelists";
  app.get(base, sim.api("webinarPanelists"), (c) =>
    withWebinar(c, sim, (w) =>
      c.json(
        { total_records: w.panelists.length, panelists: w.panelists.map((p) => panelistBody(p, w, sim.url)) },
        200,
      ),
    ),
  );
  app.post(base, sim.api("webinarPanelistCreate"), (c) => add(c, sim));
  app.delete(base, sim.api("webinarPanelistsDelete"), (c) =>
    withWebinar(c, sim, (w) => {
      w.panelists = [];
      return c.body(null, 204);
    }),
  );
  app.all(base, (c) => sim.methodNotAllowed(c, "GET, POST, DELETE"));
  app.delete(`${base}/:panelistId`, sim.api("webinarPanelistDelete"), (c) =>
    withWebinar(c, sim, (w) => {
      const id = c.req.param("panelistId") ?? "";
      const index = w.panelists.findIndex((p) => p.id === id || p.email.toLowerCase() === id.toLowerCase());
      if (index < 0) return zoomError(c, 404, 1001, `Panelist ${id} does not exist on this webinar.`);
      w.panelists.splice(index, 1);
      return c.body(null, 204);
    }),
  );
  app.all(`${base}/:panelistId`, (c) => sim.methodNotAllowed(c, "DELETE"));
}

async function add(c: SimContext, sim: Simulation): Promise<Response> {
  const body = await readBody(c, sim.maxBodyBytes, panelistInput);
  if (!body.ok) return body.response;
  return withWebinar(c, sim, (w) => {
    for (const { name, email, ...fields } of body.value.panelists) {
      const existing = w.panelists.find((p) => p.email.toLowerCase() === email.toLowerCase());
      if (existing) Object.assign(existing, { name, fields });
      else
        w.panelists.push({
          id: randomBytes(16).toString("base64url"),
          name,
          email,
          fields,
          joinKey: randomBytes(18).toString("base64url"),
        });
    }
    return c.json({ id: String(w.id), updated_at: zoomTime(sim.now()) }, 201);
  });
}
