/**
 * Every Zoom route the simulator serves. To add an API operation: write `routes/<resource>.ts` exporting a
 * `register…(app, sim)` that mounts each path with `sim.api({ id, category, scope })` in front of its
 * handler (`id` is the operation id in `packages/core/openapi/zoom-api.yaml`, `category` its rate-limit
 * category, `scope` the scope it needs; the guard then applies tokens, incidents, scopes and limits),
 * answers other methods with `sim.methodNotAllowed`, keeps state under `state/`, and list it here.
 */
import type { Hono } from "hono";
import type { SimEnv } from "../http.js";
import type { Simulation } from "../simulation.js";
import { registerMeetings } from "./meetings.js";
import { registerOAuth } from "./oauth.js";
import { registerPastMeetings } from "./past-meetings.js";
import { registerUsers } from "./users.js";

export type RegisterRoutes = (app: Hono<SimEnv>, sim: Simulation) => void;

export const ZOOM_ROUTES: readonly RegisterRoutes[] = [
  registerOAuth,
  registerMeetings,
  registerPastMeetings,
  registerUsers,
];
