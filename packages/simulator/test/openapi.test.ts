import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEFAULT_APP, startZoomSimulator, type ZoomSimulator } from "../src/index.js";
import { OPERATIONS } from "../src/operations.js";
import { manualClock, mint, tokenRequest } from "./helpers.js";
import { walkMeetingExtras } from "./walk/meeting-extras.js";
import { walkMeetings } from "./walk/meetings.js";
import { walkRecordings } from "./walk/recordings.js";
import { walkReports, walkUsers } from "./walk/users-reports.js";
import { doc, Walk } from "./walk/walk.js";
import { walkWebinars } from "./walk/webinars.js";

let sim: ZoomSimulator;
let w: Walk;

beforeAll(async () => {
  // A still clock: per-second windows and the UTC day never roll over mid-scenario, however slow the machine.
  sim = await startZoomSimulator({ dailyCap: 3, now: manualClock().now });
  w = new Walk(sim);
});
afterAll(() => sim.close());

/** A walk step with a fresh token (a step may remove and restore scopes, which only a new mint regains). */
async function step(walk: (w: Walk) => Promise<void>): Promise<void> {
  w.token = await mint(sim);
  await walk(w);
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

  test("meetings, past meetings, users, limits and every error", () => step(walkMeetings));
  test("registrants, questions, polls, invitations, past instances and their errors", () =>
    step(walkMeetingExtras));
  test("cloud recordings and their errors", () => step(walkRecordings));
  test("webinars, registrants, panelists, past webinars and their errors", () => step(walkWebinars));
  test("users, their settings and status, and their errors", () => step(walkUsers));
  test("meeting and webinar reports and their errors", () => step(walkReports));

  test("every operation answers 4711 naming its scope once the app lacks it", async () => {
    const scopes = [...new Set([...DEFAULT_APP.scopes, ...OPERATIONS.flatMap((op) => op.scopes)])];
    w.token = await mint(sim);
    sim.control.removeScopes(scopes);
    try {
      for (const op of OPERATIONS) {
        const path = op.path.replace(/\{[^}]+\}/g, "12345678901");
        const body = await w.call(op.method, path, 401, op.method === "GET" ? undefined : {});
        expect(body, `${op.method} ${op.path}`).toEqual({
          code: 4711,
          message: `Invalid access token, does not contain scopes:[${op.scope}].`,
        });
      }
    } finally {
      sim.control.restoreScopes();
    }
  });

  test("every operation in the document answered with a success and an error", () => {
    expect(w.missing("2")).toEqual([]);
    expect(w.missing("4")).toEqual([]);
  });
});
