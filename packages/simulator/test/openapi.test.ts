import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEFAULT_APP, startZoomSimulator, type ZoomSimulator } from "../src/index.js";
import { api, manualClock, mint, tokenRequest } from "./helpers.js";
import { OpenApiDocument } from "./openapi.js";

/**
 * Statuses the simulator sends that the document does not list per operation. The document defines
 * no 401 responses (every operation can answer 401 with code 124 or 4711); those bodies are checked
 * against its `Error` schema instead.
 */
const UNDOCUMENTED = new Set([401]);

/** Operations of the document the simulator does not serve yet (issue 12, part 6). */
const NOT_SERVED_YET = [
  "GET /meetings/{meetingId}/invitation",
  "POST /meetings/{meetingId}/invite_links",
  "GET /meetings/{meetingId}/registrants",
  "POST /meetings/{meetingId}/registrants",
  "GET /meetings/{meetingId}/registrants/{registrantId}",
  "DELETE /meetings/{meetingId}/registrants/{registrantId}",
  "PUT /meetings/{meetingId}/registrants/status",
  "GET /meetings/{meetingId}/registrants/questions",
  "PATCH /meetings/{meetingId}/registrants/questions",
  "GET /meetings/{meetingId}/polls",
  "POST /meetings/{meetingId}/polls",
  "GET /meetings/{meetingId}/polls/{pollId}",
  "PUT /meetings/{meetingId}/polls/{pollId}",
  "DELETE /meetings/{meetingId}/polls/{pollId}",
  "GET /past_meetings/{meetingId}/instances",
  "GET /past_meetings/{meetingId}/polls",
  "GET /users/{userId}/recordings",
  "GET /meetings/{meetingId}/recordings",
  "DELETE /meetings/{meetingId}/recordings",
  "DELETE /meetings/{meetingId}/recordings/{recordingId}",
  "PUT /meetings/{meetingUUID}/recordings/status",
  "GET /meetings/{meetingId}/recordings/settings",
  "PATCH /meetings/{meetingId}/recordings/settings",
  "POST /users",
  "PATCH /users/{userId}",
  "DELETE /users/{userId}",
  "GET /users/email",
  "PUT /users/{userId}/status",
  "GET /users/{userId}/settings",
  "PATCH /users/{userId}/settings",
  "GET /report/users/{userId}/meetings",
  "GET /report/meetings/{meetingId}",
  "GET /report/meetings/{meetingId}/participants",
  "GET /report/webinars/{webinarId}",
  "GET /report/webinars/{webinarId}/participants",
  "GET /users/{userId}/webinars",
  "POST /users/{userId}/webinars",
  "GET /webinars/{webinarId}",
  "PATCH /webinars/{webinarId}",
  "DELETE /webinars/{webinarId}",
  "PUT /webinars/{webinarId}/status",
  "GET /webinars/{webinarId}/registrants",
  "POST /webinars/{webinarId}/registrants",
  "GET /webinars/{webinarId}/registrants/{registrantId}",
  "DELETE /webinars/{webinarId}/registrants/{registrantId}",
  "PUT /webinars/{webinarId}/registrants/status",
  "GET /webinars/{webinarId}/panelists",
  "POST /webinars/{webinarId}/panelists",
  "DELETE /webinars/{webinarId}/panelists",
  "DELETE /webinars/{webinarId}/panelists/{panelistId}",
  "GET /past_webinars/{webinarId}/instances",
  "GET /past_webinars/{webinarId}/participants",
  "GET /past_webinars/{WebinarUUID}/absentees",
];

const doc = new OpenApiDocument();
let sim: ZoomSimulator;
let token: string;
const checked: string[] = [];

beforeAll(async () => {
  // A still clock: per-second windows and the UTC day never roll over mid-scenario, however slow the machine.
  sim = await startZoomSimulator({ dailyCap: 3, now: manualClock().now });
  token = await mint(sim);
});
afterAll(() => sim.close());

/** Calls the API and checks the answer against the document; returns the parsed body. */
async function call(
  method: string,
  path: string,
  expected: number,
  body?: unknown,
  t = token,
): Promise<Record<string, unknown>> {
  const response = await api(sim, method, path, { token: t, body });
  expect(response.status, `${method} ${path}`).toBe(expected);
  const op = doc.operation(method, path);
  expect(op, `the document has ${method} ${path}`).toBeDefined();
  const text = await response.text();
  const schema = UNDOCUMENTED.has(expected)
    ? doc.componentSchema("Error")
    : doc.responseSchema(op!, expected);
  expect(schema, `the document lists ${expected} for ${method} ${op!.template}`).not.toBeUndefined();
  checked.push(`${method} ${op!.template} ${expected}`);
  if (schema === null) {
    expect(text, `${method} ${path} ${expected} has no body`).toBe("");
    return {};
  }
  const json = JSON.parse(text) as Record<string, unknown>;
  const validate = doc.validator(schema!);
  expect(validate(json), `${method} ${path} ${expected}: ${JSON.stringify(validate.errors)}`).toBe(true);
  return json;
}

describe("every response of a scenario validates against the project's OpenAPI document", () => {
  test("the check itself rejects bodies that break the document", () => {
    const op = doc.operation("GET", "/meetings/123")!;
    const validate = doc.validator(doc.responseSchema(op, 200)!);
    expect(validate({ id: 12345678901, status: "waiting", start_time: "2031-01-01T09:00:00Z" })).toBe(true);
    expect(validate({ id: "12345678901" })).toBe(false);
    expect(validate({ id: 1, status: "finished" })).toBe(false);
    expect(validate({ id: 1, start_time: "tomorrow" })).toBe(false);
    expect(doc.responseSchema(op, 418)).toBeUndefined();
  });

  test("token endpoint answers match OAuthTokenResponse and OAuthErrorResponse", async () => {
    const ok = doc.validator(doc.componentSchema("OAuthTokenResponse"));
    const good = await (await tokenRequest(sim)).json();
    expect(ok(good), JSON.stringify(ok.errors)).toBe(true);
    const error = doc.validator(doc.componentSchema("OAuthErrorResponse"));
    const bad = await (await tokenRequest(sim, { ...DEFAULT_APP, clientSecret: "wrong" })).json();
    expect(error(bad), JSON.stringify(error.errors)).toBe(true);
  });

  test("create, get, list, update, status, past meeting, participants, delete, users and every error", async () => {
    const created = await call("POST", "/users/me/meetings", 201, {
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
    await call("POST", "/users/me/meetings", 201, {});
    await call("GET", `/meetings/${id}`, 200);
    const page1 = await call("GET", "/users/me/meetings?page_size=1", 200);
    await call("GET", `/users/me/meetings?page_size=1&next_page_token=${page1.next_page_token}`, 200);
    await call("PATCH", `/meetings/${id}`, 204, { topic: "Renamed" });
    sim.control.startMeeting(id, [{ name: "Ada", user_email: "ada@example.com" }, { name: "Guest" }]);
    await call("GET", `/meetings/${id}`, 200);
    await call("PUT", `/meetings/${id}/status`, 204, { action: "end" });
    await call("GET", `/past_meetings/${id}`, 200);
    await call("GET", `/past_meetings/${id}/participants?page_size=1`, 200);
    await call("GET", "/users", 200);
    await call("GET", "/users/me", 200);
    await call("GET", "/users/second.host@example.com", 200);

    await call("GET", "/meetings/12345678901", 404);
    await call("GET", "/users/nobody@example.com", 404);
    await call("GET", "/users/nobody@example.com/meetings", 404);
    await call("POST", "/users/nobody@example.com/meetings", 404, {});
    await call("GET", "/past_meetings/12345678901", 404);
    await call("GET", "/past_meetings/12345678901/participants", 404);
    await call("PATCH", "/meetings/12345678901", 404, { topic: "x" });
    await call("PUT", "/meetings/12345678901/status", 404, { action: "end" });
    await call("POST", "/users/me/meetings", 400, { type: 7, topic: 3 });
    await call("PATCH", `/meetings/${id}`, 400, { duration: "long" });
    await call("PUT", `/meetings/${id}/status`, 400, { action: "nap" });
    await call("GET", "/users/me/meetings?page_size=zero", 400);
    await call("GET", `/past_meetings/${id}/participants?next_page_token=bogus`, 400);

    // The daily cap (3) is used up by two creates and one update: the next create is a 429...
    await call("POST", "/users/me/meetings", 429, {});
    // ...or a 300, Zoom's other way of saying it.
    sim.control.set({ dailyCapAs: 300 });
    await call("PATCH", `/meetings/${id}`, 300, { topic: "again" });
    sim.control.set({ dailyCap: null, qps: { light: 1 } });
    await call("GET", "/users/me", 200);
    await call("GET", "/users/me", 429);
    sim.control.set({ qps: { light: null, medium: 1 } });
    await call("GET", "/users", 200);
    await call("GET", "/users", 429);
    sim.control.set({ qps: { medium: null } });

    await call("DELETE", `/meetings/${id}`, 204);
    await call("DELETE", `/meetings/${id}`, 404);
    await call("GET", `/meetings/${id}`, 404);

    await call("GET", "/users/me", 401, undefined, "not-a-token");
    sim.control.removeScopes(["meeting:write:admin"]);
    await call("POST", "/users/me/meetings", 401, {});
    sim.control.restoreScopes();

    // Every operation in the document was exercised at least once, except those the simulator does not
    // serve yet (issue 12 adds them to the document first; the list must shrink as routes land).
    const templates = new Set(checked.map((c) => c.split(" ").slice(0, 2).join(" ")));
    const unexercised = doc.operations
      .map((op) => `${op.method} ${op.template}`)
      .filter((op) => !templates.has(op));
    expect(unexercised.sort()).toEqual([...NOT_SERVED_YET].sort());
  });
});
