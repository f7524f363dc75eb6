/**
 * Cloud recordings: a host's recordings by date (`from`/`to`, default today and tomorrow, at most a month
 * apart), one meeting's recording (by meeting id: its latest recorded instance, or by instance uuid), trash
 * or delete all of it or one file, recover from the trash, and its sharing settings. A meeting without
 * a recording is 404 with code 3301, an unknown host 404 with code 1001, as Zoom answers.
 */
import type { Hono } from "hono";
import { z } from "zod";
import { check, readBody } from "../body-check.js";
import { type SimContext, type SimEnv, zoomError } from "../http.js";
import type { Simulation } from "../simulation.js";
import { filesOf, type RecordingRecord, recordingBody } from "../state/recordings.js";
import { envelope, page, pageRequest } from "./paging.js";
import { withRecording } from "./recording-lookup.js";
import { registerRecordingSettings } from "./recording-settings.js";

const DAY_MS = 86_400_000;
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Invalid date.")
  .refine((s) => !Number.isNaN(Date.parse(s)), "Invalid date.");
const listQuery = z.looseObject({
  from: date.optional(),
  to: date.optional(),
  trash: z.enum(["true", "false"]).optional(),
  meeting_id: z
    .string()
    .regex(/^\d{1,16}$/, "Invalid field.")
    .optional(),
});
const deleteQuery = z.looseObject({ action: z.enum(["trash", "delete"]).optional() });
const statusBody = z.looseObject({ action: z.literal("recover") });

export function registerRecordings(app: Hono<SimEnv>, sim: Simulation): void {
  app.get("/v2/users/:userId/recordings", sim.api("recordingsList"), (c) => list(c, sim));
  app.all("/v2/users/:userId/recordings", (c) => sim.methodNotAllowed(c, "GET"));
  app.put("/v2/meetings/:meetingUUID/recordings/status", sim.api("recordingStatusUpdate"), (c) =>
    recover(c, sim),
  );
  app.all("/v2/meetings/:meetingUUID/recordings/status", (c) => sim.methodNotAllowed(c, "PUT"));
  registerRecordingSettings(app, sim);
  app.get("/v2/meetings/:meetingId/recordings", sim.api("recordingGet"), (c) =>
    withRecording(c, sim, (r) => c.json(meetingRecordingBody(r, sim.url), 200)),
  );
  app.delete("/v2/meetings/:meetingId/recordings", sim.api("recordingDelete"), (c) => remove(c, sim));
  app.delete("/v2/meetings/:meetingId/recordings/:recordingId", sim.api("recordingDeleteOne"), (c) =>
    remove(c, sim, c.req.param("recordingId")),
  );
  app.all("/v2/meetings/:meetingId/recordings", (c) => sim.methodNotAllowed(c, "GET, DELETE"));
  app.all("/v2/meetings/:meetingId/recordings/:recordingId", (c) => sim.methodNotAllowed(c, "DELETE"));
}

function list(c: SimContext, sim: Simulation): Response {
  const userId = c.req.param("userId") ?? "";
  const host = sim.users.find(c.get("app").accountId, userId);
  if (!host) return zoomError(c, 404, 1001, `User ${userId} not exist or not belong to this account.`);
  const query = check(c, listQuery, c.req.query());
  if (!query.ok) return query.response;
  const from = query.value.from ?? new Date(sim.now()).toISOString().slice(0, 10);
  const to = query.value.to ?? new Date(Date.parse(from) + DAY_MS).toISOString().slice(0, 10);
  const start = Date.parse(from);
  const end = Date.parse(to) + DAY_MS - 1;
  if (end < start || end - start > 31 * DAY_MS) {
    const message = "The date range must run forward and span at most a month.";
    return zoomError(c, 400, 300, "Validation Failed.", [{ field: "to", message }]);
  }
  const trashed = query.value.trash === "true";
  const key = `recordings|${host.id}|${from}|${to}|${trashed}|${query.value.meeting_id ?? ""}`;
  const request = pageRequest(c, sim.cursors, key);
  if (!request.ok) return request.response;
  const all = sim.recordings.listByHost(host.id, start, end, trashed, query.value.meeting_id);
  const { items, next } = page(all, (r) => r.seq, request, sim.cursors, key);
  return c.json(
    {
      from,
      to,
      ...envelope(all.length, request.size, next),
      meetings: items.map((r) => recordingBody(r, trashed, sim.url)),
    },
    200,
  );
}

function meetingRecordingBody(r: RecordingRecord, url: string): Record<string, unknown> {
  return {
    ...recordingBody(r, false, url),
    password: r.settings.password,
    recording_play_passcode: Buffer.from(`${r.instance.uuid}|${r.settings.password}`).toString("base64url"),
  };
}

function remove(c: SimContext, sim: Simulation, fileId?: string): Response {
  const query = check(c, deleteQuery, c.req.query());
  if (!query.ok) return query.response;
  return withRecording(c, sim, (r) => {
    if (fileId !== undefined && !filesOf(r, false).some((f) => f.id === fileId)) {
      return zoomError(c, 404, 3301, `There is no recording file ${fileId} for this meeting.`);
    }
    sim.recordings.remove(r, query.value.action ?? "trash", fileId);
    return c.body(null, 204);
  });
}

async function recover(c: SimContext, sim: Simulation): Promise<Response> {
  const body = await readBody(c, sim.maxBodyBytes, statusBody);
  if (!body.ok) return body.response;
  return withRecording(
    c,
    sim,
    (record) => {
      sim.recordings.recover(record);
      return c.body(null, 204);
    },
    { param: "meetingUUID", trashed: true },
  );
}
