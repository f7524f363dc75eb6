/**
 * Every Zoom route the simulator serves. To add an API operation: write `routes/<resource>.ts` exporting a
 * `register…(app, sim)` that mounts each path with `sim.api(operationId)` in front of its handler (the
 * operation id in `packages/core/openapi/zoom-api.yaml`; the guard reads the operation's rate-limit
 * category and scopes from there and applies tokens, incidents, scopes and limits), answers other methods with `sim.methodNotAllowed`, keeps state under `state/`, and list it here.
 */
import type { Hono } from "hono";
import type { SimEnv } from "../http.js";
import type { Simulation } from "../simulation.js";
import { registerMeetingInvitation } from "./meeting-invitation.js";
import { registerMeetingPolls } from "./meeting-polls.js";
import { registerMeetingRegistrants } from "./meeting-registrants.js";
import { registerMeetings } from "./meetings.js";
import { registerOAuth } from "./oauth.js";
import { registerPastMeetingExtras } from "./past-meeting-extras.js";
import { registerPastMeetings } from "./past-meetings.js";
import { registerPastWebinars } from "./past-webinars.js";
import { registerRecordings } from "./recordings.js";
import { registerReports } from "./reports.js";
import { registerUserAdmin } from "./user-admin.js";
import { registerUserSettings } from "./user-settings.js";
import { registerUsers } from "./users.js";
import { registerWebinarPanelists } from "./webinar-panelists.js";
import { registerWebinarRegistrants } from "./webinar-registrants.js";
import { registerWebinars } from "./webinars.js";

export type RegisterRoutes = (app: Hono<SimEnv>, sim: Simulation) => void;

export const ZOOM_ROUTES: readonly RegisterRoutes[] = [
  registerOAuth,
  registerMeetings,
  registerMeetingRegistrants,
  registerMeetingPolls,
  registerMeetingInvitation,
  registerPastMeetings,
  registerPastMeetingExtras,
  registerRecordings,
  registerReports,
  // Before registerUsers: its 405 answers for /users and /users/{userId}, and GET /users/{userId}, would
  // otherwise take POST /users, PATCH/DELETE /users/{userId} and GET /users/email.
  registerUserAdmin,
  registerUsers,
  registerUserSettings,
  registerWebinars,
  registerWebinarRegistrants,
  registerWebinarPanelists,
  registerPastWebinars,
];
