/** Users: `GET /users` (paged) and `GET /users/{userId}` (id, email or `me`; unknown: 404, code 1001). */
import type { Hono } from "hono";
import { type SimContext, type SimEnv, zoomError } from "../http.js";
import type { Simulation } from "../simulation.js";
import { userDetails, userSummary } from "../state/users.js";
import { page, pageRequest } from "./paging.js";

export function registerUsers(app: Hono<SimEnv>, sim: Simulation): void {
  app.get("/v2/users", sim.api("users"), (c) => list(c, sim));
  app.get("/v2/users/:userId", sim.api("user"), (c) => one(c, sim));
  app.all("/v2/users", (c) => sim.methodNotAllowed(c, "GET, POST"));
  app.all("/v2/users/:userId", (c) => sim.methodNotAllowed(c, "GET, PATCH, DELETE"));
}

function list(c: SimContext, sim: Simulation): Response {
  const accountId = c.get("app").accountId;
  const status = c.req.query("status") || "active";
  if (!["active", "inactive", "pending"].includes(status)) {
    return zoomError(c, 400, 300, "Validation Failed.", [{ field: "status", message: "Invalid field." }]);
  }
  const key = `users|${accountId}|${status}`;
  const request = pageRequest(c, sim.cursors, key);
  if (!request.ok) return request.response;
  const users = sim.users.list(accountId).filter((u) => u.status === status);
  const indexed = users.map((u, i) => ({ u, position: i + 1 }));
  const { items, next } = page(indexed, (x) => x.position, request, sim.cursors, key);
  return c.json(
    {
      page_count: Math.max(1, Math.ceil(indexed.length / request.size)),
      page_number: 1,
      page_size: request.size,
      total_records: indexed.length,
      next_page_token: next,
      users: items.map((x) => userSummary(x.u, x.position === 1, accountId)),
    },
    200,
  );
}

function one(c: SimContext, sim: Simulation): Response {
  const accountId = c.get("app").accountId;
  const userId = c.req.param("userId") ?? "";
  const user = sim.users.find(accountId, userId);
  if (!user) return zoomError(c, 404, 1001, `User does not exist: ${userId}.`);
  return c.json(userDetails(user, sim.users.isOwner(accountId, user), accountId, sim.url), 200);
}
