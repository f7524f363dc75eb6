/** Walk: managing users and their settings, and the meeting and webinar reports, with their errors. */
import type { Walk } from "./walk.js";

export async function walkUsers(w: Walk): Promise<void> {
  const created = await w.call("POST", "/users", 201, {
    action: "custCreate",
    user_info: { email: "new.host@example.com", type: 1, first_name: "New" },
  });
  await w.call("POST", "/users", 409, {
    action: "create",
    user_info: { email: "new.host@example.com", type: 1 },
  });
  await w.call("POST", "/users", 400, { action: "summon", user_info: { email: "x", type: 7 } });
  const id = created.id as string;
  await w.call("GET", "/users/email?email=new.host%40example.com", 200);
  await w.call("GET", "/users/email", 400);
  await w.call("PATCH", `/users/${id}`, 204, { job_title: "Producer", timezone: "Asia/Tokyo" });
  await w.call("PATCH", `/users/${id}`, 400, { timezone: "Mars/Olympus" });
  await w.call("GET", `/users/${id}/settings`, 200);
  await w.call("GET", `/users/${id}/settings?option=meeting_security`, 200);
  await w.call("PATCH", `/users/${id}/settings`, 204, { in_meeting: { chat: false } });
  await w.call("PATCH", `/users/${id}/settings`, 400, { recording: { auto_recording: "tape" } });
  await w.call("GET", `/users/${id}/settings?option=everything`, 400);
  await w.call("PUT", `/users/${id}/status`, 204, { action: "deactivate" });
  await w.call("GET", "/users?status=inactive", 200);
  await w.call("PUT", `/users/${id}/status`, 400, { action: "pause" });
  await w.call("PUT", "/users/me/status", 400, { action: "deactivate" });
  await w.call("DELETE", "/users/me", 400);
  await w.call("DELETE", `/users/${id}?action=vaporise`, 400);
  await w.call("DELETE", `/users/${id}?action=delete`, 204);
  for (const [method, path, body] of [
    ["PATCH", `/users/${id}`, {}],
    ["DELETE", `/users/${id}`, undefined],
    ["PUT", `/users/${id}/status`, { action: "activate" }],
    ["GET", `/users/${id}/settings`, undefined],
    ["PATCH", `/users/${id}/settings`, {}],
  ] as const) {
    await w.call(method, path, 404, body);
  }
}

export async function walkReports(w: Walk): Promise<void> {
  const [meeting] = w.sim.control.seedMeetings([
    {
      host: "host@example.com",
      topic: "Reported",
      start_time: "2025-01-10T09:00:00Z",
      duration: 30,
      ended: true,
      participants: [
        { name: "Ada", user_email: "ada@example.com" },
        { name: "Guest", duration: 5 },
      ],
    },
  ]);
  const [webinar] = w.sim.control.seedWebinars([
    {
      host: "host@example.com",
      start_time: "2025-01-11T16:00:00Z",
      registrants: [{ email: "ada@example.com", first_name: "Ada" }],
      ended: true,
      participants: [{ name: "Ada", user_email: "ada@example.com" }],
    },
  ]);
  const mid = meeting!.id as number;
  const wid = webinar!.id as number;
  await w.call("GET", "/report/users/me/meetings?from=2025-01-01&to=2025-01-31&page_size=1", 200);
  await w.call("GET", `/report/meetings/${mid}`, 200);
  await w.call(
    "GET",
    `/report/meetings/${encodeURIComponent(encodeURIComponent(meeting!.uuid as string))}`,
    200,
  );
  await w.call("GET", `/report/meetings/${mid}/participants?page_size=1&include_fields=registrant_id`, 200);
  await w.call("GET", `/report/webinars/${wid}`, 200);
  await w.call("GET", `/report/webinars/${wid}/participants?include_fields=registrant_id`, 200);

  await w.call("GET", "/report/users/me/meetings", 400);
  await w.call("GET", "/report/users/me/meetings?from=2025-01-01&to=2025-06-01", 400);
  await w.call("GET", "/report/users/me/meetings?from=2025-01-01&to=2025-01-31&next_page_token=old", 400);
  await w.call("GET", `/report/meetings/${mid}/participants?next_page_token=old`, 300);
  await w.call("GET", `/report/webinars/${wid}/participants?next_page_token=old`, 300);
  await w.call("GET", `/report/meetings/${mid}/participants?include_fields=everything`, 400);
  await w.call("GET", "/report/users/nobody@example.com/meetings?from=2025-01-01&to=2025-01-31", 404);
  await w.call("GET", "/report/meetings/12345678901", 404);
  await w.call("GET", "/report/meetings/12345678901/participants", 404);
  await w.call("GET", "/report/webinars/12345678901", 404);
  await w.call("GET", "/report/webinars/12345678901/participants", 404);
}
