/** Walk: cloud recordings (list, get, settings, trash one file and all, recover, delete) and their errors. */
import type { Walk } from "./walk.js";

export async function walkRecordings(w: Walk): Promise<void> {
  const [seeded] = w.sim.control.seedMeetings([
    {
      host: "host@example.com",
      topic: "Recorded",
      start_time: "2025-01-15T09:00:00Z",
      duration: 30,
      ended: true,
      recorded: true,
      participants: [{ name: "Ada" }],
    },
  ]);
  const id = seeded!.id as number;
  const listed = await w.call("GET", "/users/me/recordings?from=2025-01-15&to=2025-01-15&page_size=1", 200);
  const uuid = (listed.meetings as { uuid: string }[])[0]!.uuid;
  const recording = await w.call("GET", `/meetings/${id}/recordings`, 200);
  await w.call("GET", `/meetings/${encodeURIComponent(encodeURIComponent(uuid))}/recordings`, 200);
  const fileId = (recording.recording_files as { id: string }[])[0]!.id;
  await w.call("GET", `/meetings/${id}/recordings/settings`, 200);
  await w.call("PATCH", `/meetings/${id}/recordings/settings`, 204, { share_recording: "internally" });
  await w.call("PATCH", `/meetings/${id}/recordings/settings`, 400, { approval_type: 7 });
  await w.call("DELETE", `/meetings/${id}/recordings/${fileId}?action=trash`, 204);
  await w.call("DELETE", `/meetings/${id}/recordings/${fileId}`, 404);
  await w.call("DELETE", `/meetings/${id}/recordings?action=trash`, 204);
  await w.call("GET", "/users/me/recordings?from=2025-01-15&to=2025-01-15&trash=true", 200);
  await w.call("PUT", `/meetings/${encodeURIComponent(encodeURIComponent(uuid))}/recordings/status`, 204, {
    action: "recover",
  });
  await w.call("PUT", `/meetings/${id}/recordings/status`, 400, { action: "undo" });
  await w.call("DELETE", `/meetings/${id}/recordings?action=forget`, 400);
  await w.call("DELETE", `/meetings/${id}/recordings?action=delete`, 204);

  await w.call("GET", `/meetings/${id}/recordings`, 404);
  await w.call("DELETE", `/meetings/${id}/recordings`, 404);
  await w.call("PUT", `/meetings/${id}/recordings/status`, 404, { action: "recover" });
  await w.call("GET", "/meetings/12345678901/recordings/settings", 404);
  await w.call("PATCH", "/meetings/12345678901/recordings/settings", 404, {});
  await w.call("GET", "/users/nobody@example.com/recordings", 404);
  await w.call("GET", "/users/me/recordings?from=2025-13-40", 400);
  await w.call("GET", "/users/me/recordings?next_page_token=expired-or-unknown", 400);
}
