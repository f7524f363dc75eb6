/** Walk: meetings (create, get, list, update, status, delete), past meetings, users, limits and errors. */
import type { Walk } from "./walk.js";

export async function walkMeetings(w: Walk): Promise<void> {
  const created = await w.call("POST", "/users/me/meetings", 201, {
    topic: "Scenario",
    type: 8,
    start_time: "2031-01-01T09:00:00Z",
    duration: 30,
    timezone: "America/New_York",
    agenda: "all of it",
    recurrence: { type: 2, repeat_interval: 1, weekly_days: "2" },
    tracking_fields: [{ field: "team", value: "core" }],
    settings: { waiting_room: true, audio: "voip" },
  });
  const id = created.id as number;
  await w.call("POST", "/users/me/meetings", 201, {});
  await w.call("GET", `/meetings/${id}`, 200);
  const page1 = await w.call("GET", "/users/me/meetings?page_size=1", 200);
  await w.call("GET", `/users/me/meetings?page_size=1&next_page_token=${page1.next_page_token}`, 200);
  await w.call("PATCH", `/meetings/${id}`, 204, { topic: "Renamed" });
  w.sim.control.startMeeting(id, [{ name: "Ada", user_email: "ada@example.com" }, { name: "Guest" }]);
  await w.call("GET", `/meetings/${id}`, 200);
  await w.call("PUT", `/meetings/${id}/status`, 204, { action: "end" });
  await w.call("GET", `/past_meetings/${id}`, 200);
  await w.call("GET", `/past_meetings/${id}/participants?page_size=1`, 200);
  await w.call("GET", "/users", 200);
  await w.call("GET", "/users/me", 200);
  await w.call("GET", "/users/second.host@example.com", 200);

  await w.call("GET", "/meetings/12345678901", 404);
  await w.call("GET", "/users/nobody@example.com", 404);
  await w.call("GET", "/users/nobody@example.com/meetings", 404);
  await w.call("POST", "/users/nobody@example.com/meetings", 404, {});
  await w.call("GET", "/past_meetings/12345678901", 404);
  await w.call("GET", "/past_meetings/12345678901/participants", 404);
  await w.call("PATCH", "/meetings/12345678901", 404, { topic: "x" });
  await w.call("PUT", "/meetings/12345678901/status", 404, { action: "end" });
  await w.call("POST", "/users/me/meetings", 400, { type: 7, topic: 3 });
  await w.call("PATCH", `/meetings/${id}`, 400, { duration: "long" });
  await w.call("PUT", `/meetings/${id}/status`, 400, { action: "nap" });
  await w.call("GET", "/users/me/meetings?page_size=zero", 400);
  await w.call("GET", `/past_meetings/${id}/participants?next_page_token=bogus`, 400);

  // The daily cap (3) is used up by two creates and one update: the next create is a 429...
  await w.call("POST", "/users/me/meetings", 429, {});
  // ...or a 300, Zoom's other way of saying it.
  w.sim.control.set({ dailyCapAs: 300 });
  await w.call("PATCH", `/meetings/${id}`, 300, { topic: "again" });
  w.sim.control.set({ dailyCap: null, qps: { light: 1 } });
  await w.call("GET", "/users/me", 200);
  await w.call("GET", "/users/me", 429);
  w.sim.control.set({ qps: { light: null, medium: 1 } });
  await w.call("GET", "/users", 200);
  await w.call("GET", "/users", 429);
  w.sim.control.set({ qps: { medium: null } });

  await w.call("DELETE", `/meetings/${id}`, 204);
  await w.call("DELETE", `/meetings/${id}`, 404);
  await w.call("GET", `/meetings/${id}`, 404);

  await w.call("GET", "/users/me", 401, undefined, "not-a-token");
  w.sim.control.removeScopes(["meeting:write:admin"]);
  await w.call("POST", "/users/me/meetings", 401, {});
  w.sim.control.restoreScopes();
}
