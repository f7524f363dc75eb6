/** A meeting recording's sharing settings: get 200, update 204 (unknown fields ignored, known ones checked). */
import type { Hono } from "hono";
import { z } from "zod";
import { readBody } from "../body-check.js";
import type { SimContext, SimEnv } from "../http.js";
import { password } from "../input-fields.js";
import type { Simulation } from "../simulation.js";
import { withRecording } from "./recording-lookup.js";

const settingsInput = z.looseObject({
  share_recording: z.enum(["publicly", "internally", "none"]).optional(),
  recording_authentication: z.boolean().optional(),
  authentication_option: z.string().optional(),
  authentication_domains: z.string().optional(),
  viewer_download: z.boolean().optional(),
  password: password.optional(),
  on_demand: z.boolean().optional(),
  approval_type: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
  send_email_to_host: z.boolean().optional(),
  show_social_share_buttons: z.boolean().optional(),
  topic: z.string().max(200).optional(),
});

export function registerRecordingSettings(app: Hono<SimEnv>, sim: Simulation): void {
  const path = "/v2/meetings/:meetingId/recordings/settings";
  app.get(path, sim.api("recordingSettingUpdate"), (c) =>
    withRecording(c, sim, (r) => c.json(r.settings, 200)),
  );
  app.patch(path, sim.api("recordingSettingsUpdate"), (c) => update(c, sim));
  app.all(path, (c) => sim.methodNotAllowed(c, "GET, PATCH"));
}

async function update(c: SimContext, sim: Simulation): Promise<Response> {
  const body = await readBody(c, sim.maxBodyBytes, settingsInput);
  if (!body.ok) return body.response;
  return withRecording(c, sim, (record) => {
    Object.assign(record.settings, pick(body.value, Object.keys(settingsInput.shape)));
    return c.body(null, 204);
  });
}

/** Only the documented fields are kept (Zoom ignores the rest). */
function pick(value: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([k, v]) => keys.includes(k) && v !== undefined));
}
