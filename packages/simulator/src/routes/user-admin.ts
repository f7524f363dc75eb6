/**
 * Managing users: add (`action` `create` invites, so the user is `pending`; the other actions make an
 * active user; a taken email is 409 / 1005), update 204, remove 204 (`action` `disassociate` or `delete`),
 * activate or deactivate 204, and whether an email is taken. Unknown users are 404 / 1001. The account
 * owner cannot be removed or deactivated: 400 / 200, Zoom's answer for admin users.
 */
import type { Hono } from "hono";
import { z } from "zod";
import { check, readBody } from "../body-check.js";
import { type SimContext, type SimEnv, zoomError } from "../http.js";
import { email, timezone } from "../input-fields.js";
import type { Simulation } from "../simulation.js";
import type { UserRecord } from "../state/users.js";
import { zoomTime } from "../time.js";

const userType = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(99)]);
const createInput = z.looseObject({
  action: z.enum(["create", "autoCreate", "custCreate", "ssoCreate"]),
  user_info: z.looseObject({
    email,
    type: userType,
    first_name: z.string().max(64).optional(),
    last_name: z.string().max(64).optional(),
  }),
});
/** Profile fields kept as sent (z.object drops the rest, as Zoom ignores unknown fields). */
const updateInput = z.object({
  first_name: z.string().max(64).optional(),
  last_name: z.string().max(64).optional(),
  type: userType.optional(),
  timezone: timezone.optional(),
  language: z.string().optional(),
  dept: z.string().max(128).optional(),
  job_title: z.string().max(128).optional(),
  company: z.string().max(255).optional(),
  location: z.string().max(256).optional(),
  use_pmi: z.boolean().optional(),
});
const statusInput = z.looseObject({ action: z.enum(["activate", "deactivate"]) });
const deleteQuery = z.looseObject({ action: z.enum(["disassociate", "delete"]).optional() });
const emailQuery = z.looseObject({ email: z.string().min(1, "Email is required.") });

export function registerUserAdmin(app: Hono<SimEnv>, sim: Simulation): void {
  app.post("/v2/users", sim.api("userCreate"), (c) => create(c, sim));
  app.get("/v2/users/email", sim.api("userEmail"), (c) => {
    const query = check(c, emailQuery, { email: c.req.query("email") ?? "" });
    if (!query.ok) return query.response;
    const taken = sim.users.find(c.get("app").accountId, query.value.email) !== undefined;
    return c.json({ existed_email: taken }, 200);
  });
  app.patch("/v2/users/:userId", sim.api("userUpdate"), (c) => update(c, sim));
  app.delete("/v2/users/:userId", sim.api("userDelete"), (c) => remove(c, sim));
  app.put("/v2/users/:userId/status", sim.api("userStatus"), (c) => setStatus(c, sim));
  app.all("/v2/users/:userId/status", (c) => sim.methodNotAllowed(c, "PUT"));
}

/** The user a path names, or 404 / 1001. */
export function withUser(c: SimContext, sim: Simulation, handle: (user: UserRecord) => Response): Response {
  const userId = c.req.param("userId") ?? "";
  const user = sim.users.find(c.get("app").accountId, userId);
  return user ? handle(user) : zoomError(c, 404, 1001, `User does not exist: ${userId}.`);
}

function adminRefusal(c: SimContext): Response {
  return zoomError(c, 400, 200, "Zoom Room and Admin users' status cannot be activated or deactivated.");
}

async function create(c: SimContext, sim: Simulation): Promise<Response> {
  const body = await readBody(c, sim.maxBodyBytes, createInput);
  if (!body.ok) return body.response;
  const { action, user_info: info } = body.value;
  const status = action === "create" ? "pending" : "active";
  const user = sim.users.add(c.get("app").accountId, info, status, zoomTime(sim.now()));
  if (!user) return zoomError(c, 409, 1005, `Email ${info.email} has already been used.`);
  return c.json(
    { id: user.id, email: user.email, first_name: user.firstName, last_name: user.lastName, type: user.type },
    201,
  );
}

async function update(c: SimContext, sim: Simulation): Promise<Response> {
  const body = await readBody(c, sim.maxBodyBytes, updateInput);
  if (!body.ok) return body.response;
  return withUser(c, sim, (user) => {
    const { first_name, last_name, type, timezone: zone, ...profile } = body.value;
    if (first_name !== undefined) user.firstName = first_name;
    if (last_name !== undefined) user.lastName = last_name;
    if (type !== undefined) user.type = type;
    if (zone !== undefined) user.timezone = zone;
    Object.assign(user.profile, profile);
    return c.body(null, 204);
  });
}

function remove(c: SimContext, sim: Simulation): Response {
  const query = check(c, deleteQuery, c.req.query());
  if (!query.ok) return query.response;
  return withUser(c, sim, (user) => {
    if (sim.users.isOwner(c.get("app").accountId, user)) return adminRefusal(c);
    sim.users.remove(user);
    return c.body(null, 204);
  });
}

async function setStatus(c: SimContext, sim: Simulation): Promise<Response> {
  const body = await readBody(c, sim.maxBodyBytes, statusInput);
  if (!body.ok) return body.response;
  return withUser(c, sim, (user) => {
    if (sim.users.isOwner(c.get("app").accountId, user)) return adminRefusal(c);
    user.status = body.value.action === "activate" ? "active" : "inactive";
    return c.body(null, 204);
  });
}
