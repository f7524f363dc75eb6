/** The recording a path names (meeting id: its latest recorded instance; or an instance uuid), or Zoom's 404 / 3301. */
import { type SimContext, zoomError } from "../http.js";
import type { Simulation } from "../simulation.js";
import type { RecordingRecord } from "../state/recordings.js";
import { meetingKey } from "./meeting-key.js";

export function noRecording(c: SimContext): Response {
  return zoomError(c, 404, 3301, "There is no recording for this meeting.");
}

/** Runs `handle` with the recording (files in the trash when `trashed`), or answers 404 / 3301. */
export function withRecording(
  c: SimContext,
  sim: Simulation,
  handle: (record: RecordingRecord) => Response,
  options: { param?: string; trashed?: boolean } = {},
): Response {
  const id = meetingKey(c, options.param);
  const record = sim.recordings.find(c.get("app").accountId, id, options.trashed);
  return record ? handle(record) : noRecording(c);
}
