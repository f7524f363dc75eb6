/** A user's settings: get 200 (`option=meeting_security` for that group alone), update 204 merging group by group. */
import type { Hono } from "hono";
import { z } from "zod";
import { check, readBody } from "../body-check.js";
import type { SimEnv } from "../http.js";
import type { Simulation } from "../simulation.js";
import { mergeSettings, settingsBody } from "../state/user-settings.js";
import { withUser } from "./user-admin.js";

const option = z.looseObject({
  option: z.enum(["meeting_authentication", "recording_authentication", "meeting_security"]).optional(),
});
const group = z.record(z.string(), z.union([z.boolean(), z.number(), z.string()])).optional();
const settingsInput = z.looseObject({
  schedule_meeting: group,
  in_meeting: group,
  recording: z
    .looseObject({
      auto_recording: z.enum(["local", "cloud", "none"]).optional(),
      auto_delete_cmr_days: z.union([z.literal(30), z.literal(60), z.literal(90), z.literal(120)]).optional(),
    })
    .optional(),
  feature: group,
  meeting_security: z
    .looseObject({ encryption_type: z.enum(["enhanced_encryption", "e2ee"]).optional() })
    .optional(),
});

export function registerUserSettings(app: Hono<SimEnv>, sim: Simulation): void {
  const path = "/v2/users/:userId/settings";
  app.get(path, sim.api("userSettings"), (c) => {
    const query = check(c, option, c.req.query());
    if (!query.ok) return query.response;
    return withUser(c, sim, (user) => c.json(settingsBody(user.settings, query.value.option), 200));
  });
  app.patch(path, sim.api("userSettingsUpdate"), async (c) => {
    const query = check(c, option, c.req.query());
    if (!query.ok) return query.response;
    const body = await readBody(c, sim.maxBodyBytes, settingsInput);
    if (!body.ok) return body.response;
    return withUser(c, sim, (user) => {
      mergeSettings(user.settings, body.value as Parameters<typeof mergeSettings>[1]);
      return c.body(null, 204);
    });
  });
  app.all(path, (c) => sim.methodNotAllowed(c, "GET, PATCH"));
}
