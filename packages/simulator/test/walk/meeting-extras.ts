/** Walk: meeting registrants and questions, polls, invitation and invite links, past instances and poll answers. */
import type { Walk } from "./walk.js";

export async function walkMeetingExtras(w: Walk): Promise<void> {
  const created = await w.call("POST", "/users/me/meetings", 201, {
    topic: "Town hall",
    start_time: "2031-03-01T15:00:00Z",
    settings: { approval_type: 0 },
  });
  const id = created.id as number;
  await w.call("GET", `/meetings/${id}/invitation`, 200);
  await w.call("POST", `/meetings/${id}/invite_links`, 201, { attendees: [{ name: "Ada" }], ttl: 3600 });
  await w.call("POST", `/meetings/${id}/invite_links`, 400, { attendees: [] });

  const reg = await w.call("POST", `/meetings/${id}/registrants`, 201, {
    first_name: "Ada",
    email: "ada@example.com",
  });
  const registrantId = reg.registrant_id as string;
  await w.call("GET", `/meetings/${id}/registrants?page_size=1`, 200);
  await w.call("GET", `/meetings/${id}/registrants/${registrantId}`, 200);
  await w.call("PUT", `/meetings/${id}/registrants/status`, 204, {
    action: "deny",
    registrants: [{ id: registrantId }],
  });
  await w.call("PUT", `/meetings/${id}/registrants/status`, 400, { action: "maybe" });
  await w.call("GET", `/meetings/${id}/registrants?status=everyone`, 400);
  await w.call("POST", `/meetings/${id}/registrants`, 400, { first_name: "No email" });
  await w.call("GET", `/meetings/${id}/registrants/questions`, 200);
  await w.call("PATCH", `/meetings/${id}/registrants/questions`, 204, {
    questions: [{ field_name: "org", required: true }],
    custom_questions: [{ title: "Why?", type: "short", required: false }],
  });
  await w.call("PATCH", `/meetings/${id}/registrants/questions`, 400, {
    questions: [{ field_name: "shoe_size" }],
  });
  await w.call("DELETE", `/meetings/${id}/registrants/${registrantId}`, 204);
  await w.call("DELETE", `/meetings/${id}/registrants/${registrantId}`, 400);
  await w.call("GET", `/meetings/${id}/registrants/${registrantId}`, 404);

  const poll = await w.call("POST", `/meetings/${id}/polls`, 201, {
    title: "Lunch",
    questions: [{ name: "Which?", type: "single", answers: ["Pizza", "Salad"] }],
  });
  await w.call("GET", `/meetings/${id}/polls`, 200);
  await w.call("GET", `/meetings/${id}/polls/${poll.id}`, 200);
  await w.call("PUT", `/meetings/${id}/polls/${poll.id}`, 204, {
    title: "Dinner",
    questions: [{ name: "Which?", type: "single", answers: ["Soup", "Stew"] }],
  });
  await w.call("PUT", `/meetings/${id}/polls/${poll.id}`, 400, { questions: [] });
  await w.call("POST", `/meetings/${id}/polls`, 400, { questions: [{ name: "x", type: "vote" }] });

  await w.call("GET", `/past_meetings/${id}/instances`, 200);
  await w.call("GET", `/past_meetings/${id}/polls`, 404);
  w.sim.control.startMeeting(id, [{ name: "Ada", user_email: "ada@example.com" }]);
  await w.call("PUT", `/meetings/${id}/status`, 204, { action: "end" });
  await w.call("GET", `/past_meetings/${id}/instances`, 200);
  await w.call("GET", `/past_meetings/${id}/polls`, 200);
  await w.call("DELETE", `/meetings/${id}/polls/${poll.id}`, 204);
  await w.call("DELETE", `/meetings/${id}/polls/${poll.id}`, 404);

  const closed = await w.call("POST", "/users/me/meetings", 201, {});
  await w.call("GET", `/meetings/${closed.id}/registrants`, 300);
  await w.call("POST", `/meetings/${closed.id}/registrants`, 300, {
    first_name: "Ada",
    email: "ada@example.com",
  });
  await w.call("GET", `/meetings/${closed.id}/registrants/nobody`, 404);
  await w.call("PUT", `/meetings/${closed.id}/registrants/status`, 300, { action: "approve" });

  const gone = "12345678901";
  for (const [method, path, body] of [
    ["GET", `/meetings/${gone}/invitation`, undefined],
    ["POST", `/meetings/${gone}/invite_links`, { attendees: [{ name: "x" }] }],
    ["GET", `/meetings/${gone}/registrants`, undefined],
    ["POST", `/meetings/${gone}/registrants`, { first_name: "x", email: "x@example.com" }],
    ["GET", `/meetings/${gone}/registrants/abc`, undefined],
    ["DELETE", `/meetings/${gone}/registrants/abc`, undefined],
    ["PUT", `/meetings/${gone}/registrants/status`, { action: "approve" }],
    ["GET", `/meetings/${gone}/registrants/questions`, undefined],
    ["PATCH", `/meetings/${gone}/registrants/questions`, {}],
    ["GET", `/meetings/${gone}/polls`, undefined],
    ["POST", `/meetings/${gone}/polls`, { questions: [{ name: "x", type: "single" }] }],
    ["GET", `/meetings/${gone}/polls/abc`, undefined],
    ["PUT", `/meetings/${gone}/polls/abc`, { questions: [{ name: "x", type: "single" }] }],
    ["DELETE", `/meetings/${gone}/polls/abc`, undefined],
    ["GET", `/past_meetings/${gone}/instances`, undefined],
  ] as const) {
    await w.call(method, path, 404, body);
  }
}
