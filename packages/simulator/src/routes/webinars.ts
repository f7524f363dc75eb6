/**
 * Webinars: create 201, list (paged), get 200, update 204, delete 204, end 204. Unknown or deleted webinars
 * are 404 with code 3001, unknown hosts 404 with code 1001; deleting a running webinar is 400 / 3002.
 * Creates and updates count against `dailyCap` per host and day, apart from meetings' (429, or 300).
 */
import type { Hono } from "hono";
import { z } from "zod";
import { check, readBody } from "../body-check.js";
import { type SimContext, type SimEnv, zoomError } from "../http.js";
import { dailyCapReached } from "../rate-limit.js";
import type { Simulation } from "../simulation.js";
import type { UserRecord } from "../state/users.js";
import type { WebinarRecord } from "../state/webinars.js";
import { deletedPayload, editableFields, operatedBy, updatedPayload } from "../webhook-events.js";
import { webinarBody, webinarListItem } from "../webinar-body.js";
import { webinarInput, webinarStatusInput } from "../webinar-input.js";
import { page, pageRequest } from "./paging.js";
import { withWebinar } from "./webinar-lookup.js";

const listQuery = z.looseObject({ type: z.enum(["scheduled", "upcoming"]).optional() });

export function registerWebinars(app: Hono<SimEnv>, sim: Simulation): void {
  app.get("/v2/users/:userId/webinars", sim.api("webinars"), (c) => list(c, sim));
  app.post("/v2/users/:userId/webinars", sim.api("webinarCreate"), (c) => create(c, sim));
  app.all("/v2/users/:userId/webinars", (c) => sim.methodNotAllowed(c, "GET, POST"));
  app.get("/v2/webinars/:webinarId", sim.api("webinar"), (c) =>
    withWebinar(c, sim, (w) => c.json(webinarBody(w, sim.url), 200)),
  );
  app.patch("/v2/webinars/:webinarId", sim.api("webinarUpdate"), (c) => update(c, sim));
  app.delete("/v2/webinars/:webinarId", sim.api("webinarDelete"), (c) =>
    withWebinar(c, sim, (w) => remove(c, sim, w)),
  );
  app.all("/v2/webinars/:webinarId", (c) => sim.methodNotAllowed(c, "GET, PATCH, DELETE"));
  app.put("/v2/webinars/:webinarId/status", sim.api("webinarStatus"), (c) => status(c, sim));
  app.all("/v2/webinars/:webinarId/status", (c) => sim.methodNotAllowed(c, "PUT"));
}

function host(c: SimContext, sim: Simulation) {
  const userId = c.req.param("userId") ?? "";
  const user = sim.users.find(c.get("app").accountId, userId);
  return user ?? zoomError(c, 404, 1001, `User ${userId} not exist or not belong to this account.`);
}

function list(c: SimContext, sim: Simulation): Response {
  const user = host(c, sim);
  if (!("email" in user)) return user;
  const query = check(c, listQuery, c.req.query());
  if (!query.ok) return query.response;
  const type = query.value.type ?? "scheduled";
  const key = `webinars|${user.id}|${type}`;
  const request = pageRequest(c, sim.cursors, key);
  if (!request.ok) return request.response;
  const now = sim.now();
  const all = sim.webinars.listByHost(user, (w) =>
    type === "upcoming" ? w.startTime === undefined || w.startTime >= now : true,
  );
  const { items, next } = page(all, (w) => w.seq, request, sim.cursors, key);
  return c.json(
    {
      page_count: Math.max(1, Math.ceil(all.length / request.size)),
      page_number: 1,
      page_size: request.size,
      total_records: all.length,
      next_page_token: next,
      webinars: items.map((w) => webinarListItem(w, sim.url)),
    },
    200,
  );
}

async function create(c: SimContext, sim: Simulation): Promise<Response> {
  const body = await readBody(c, sim.maxBodyBytes, webinarInput);
  if (!body.ok) return body.response;
  const user = host(c, sim);
  if (!("email" in user)) return user;
  if (!takeDaily(sim, user)) return dailyCapReached(c, sim.switches, user.email, sim.now(), "webinars");
  const webinar = sim.webinars.create(c.get("app").accountId, user, body.value);
  const created = webinarBody(webinar, sim.url);
  sim.webhooks.emit("webinar.created", {
    account_id: webinar.accountId,
    ...operatedBy(user),
    object: created,
  });
  return c.json(created, 201);
}

async function update(c: SimContext, sim: Simulation): Promise<Response> {
  const body = await readBody(c, sim.maxBodyBytes, webinarInput);
  if (!body.ok) return body.response;
  return withWebinar(c, sim, (w) => {
    if (!takeDaily(sim, w.host)) return dailyCapReached(c, sim.switches, w.host.email, sim.now(), "webinars");
    const before = editableFields(w);
    sim.webinars.update(w, body.value);
    const updated = updatedPayload(w, before, sim.now());
    if (updated) sim.webhooks.emit("webinar.updated", updated);
    return c.body(null, 204);
  });
}

/** Webinar creates and updates count per host and day apart from meetings', against the same `dailyCap`. */
function takeDaily(sim: Simulation, host: UserRecord): boolean {
  if (sim.limiter.takeDaily(`webinars|${host.id}`, sim.switches.dailyCap, sim.now())) return true;
  sim.counters.limited("daily", "Light");
  return false;
}

function remove(c: SimContext, sim: Simulation, webinar: WebinarRecord): Response {
  if (webinar.status === "started") {
    return zoomError(c, 400, 3002, "Sorry, you cannot delete this webinar since it is in progress.");
  }
  webinar.deleted = true;
  sim.webhooks.emit("webinar.deleted", deletedPayload(webinar));
  return c.body(null, 204);
}

async function status(c: SimContext, sim: Simulation): Promise<Response> {
  const body = await readBody(c, sim.maxBodyBytes, webinarStatusInput);
  if (!body.ok) return body.response;
  return withWebinar(c, sim, (w) => {
    sim.endWebinar(w);
    return c.body(null, 204);
  });
}
