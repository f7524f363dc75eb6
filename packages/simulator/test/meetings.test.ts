import { beforeEach, describe, expect, test } from "vitest";
import { DEFAULT_USERS, startZoomSimulator, type ZoomSimulator } from "../src/index.js";
import { api, json, mint, sharedSimulatorWithToken } from "./helpers.js";

let sim: ZoomSimulator;
let token: string;
const host = DEFAULT_USERS[0]!;
const second = DEFAULT_USERS[1]!;
const shared = sharedSimulatorWithToken();
const create = shared.create;
beforeEach(() => {
  ({ sim, token } = shared);
});

describe("meetings", () => {
  test("create answers 201 with a full meeting body", async () => {
    const body = await create({
      topic: "Planning",
      type: 2,
      start_time: "2030-05-01T10:00:00Z",
      duration: 45,
      timezone: "Europe/Berlin",
      agenda: "Quarterly plan",
      settings: { waiting_room: true },
    });
    expect(body).toMatchObject({
      host_id: host.id,
      host_email: host.email,
      topic: "Planning",
      type: 2,
      status: "waiting",
      start_time: "2030-05-01T10:00:00Z",
      duration: 45,
      timezone: "Europe/Berlin",
      agenda: "Quarterly plan",
      password: expect.any(String),
      uuid: expect.any(String),
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      settings: expect.objectContaining({ waiting_room: true, join_before_host: false }),
    });
    const id = body.id as number;
    expect(Number.isSafeInteger(id)).toBe(true);
    expect(String(id).length).toBeGreaterThan(10);
    expect(body.join_url).toBe(
      `${sim.url}/j/${id}?pwd=${Buffer.from(body.password as string).toString("base64url")}`,
    );
    expect(body.start_url).toMatch(new RegExp(`^${sim.url}/s/${id}\\?zak=`));
  });

  test("a start_time without Z is wall-clock time in the meeting's time zone, answered in UTC", async () => {
    const winter = await create({ start_time: "2030-01-15T09:30:00", timezone: "Europe/Berlin" });
    expect(winter.start_time).toBe("2030-01-15T08:30:00Z");
    const summer = await create({ start_time: "2030-07-15T09:30:00", timezone: "America/New_York" });
    expect(summer.start_time).toBe("2030-07-15T13:30:00Z");
    const utc = await create({ start_time: "2030-07-15T09:30:00+02:00", timezone: "America/New_York" });
    expect(utc.start_time).toBe("2030-07-15T07:30:00Z");
  });

  test("an empty body creates Zoom's default scheduled meeting", async () => {
    const body = await create({});
    expect(body).toMatchObject({ topic: "Zoom Meeting", type: 2, duration: 60 });
  });

  test("the host may be named by id, email (any case) or me", async () => {
    expect((await create({}, host.id)).host_id).toBe(host.id);
    expect((await create({}, host.email.toUpperCase())).host_id).toBe(host.id);
    expect((await create({}, "me")).host_id).toBe(host.id);
    expect((await create({}, second.email)).host_id).toBe(second.id);
  });

  test("an unknown host gets 404 with code 1001", async () => {
    const response = await api(sim, "POST", "/users/nobody@example.com/meetings", { token, body: {} });
    expect(response.status).toBe(404);
    expect(await json(response)).toEqual({ code: 1001, message: "User does not exist: nobody@example.com." });
  });

  test("get returns what create returned; unknown ids get 404 with code 3001", async () => {
    const created = await create();
    const response = await api(sim, "GET", `/meetings/${created.id}`, { token });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual(created);
    for (const id of ["12345678901", "not-a-number"]) {
      const missing = await api(sim, "GET", `/meetings/${id}`, { token });
      expect(missing.status).toBe(404);
      expect(await json(missing)).toEqual({ code: 3001, message: `Meeting does not exist: ${id}.` });
    }
  });

  test("update answers 204 and the change shows on get", async () => {
    const created = await create();
    const response = await api(sim, "PATCH", `/meetings/${created.id}`, {
      token,
      body: { topic: "Renamed", duration: 15, settings: { mute_upon_entry: true } },
    });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    const after = await json(await api(sim, "GET", `/meetings/${created.id}`, { token }));
    expect(after).toMatchObject({
      topic: "Renamed",
      duration: 15,
      settings: expect.objectContaining({ mute_upon_entry: true }),
    });
  });

  test("delete answers 204, then the meeting is 404/3001 for get, update and delete", async () => {
    const created = await create();
    const path = `/meetings/${created.id}`;
    expect((await api(sim, "DELETE", path, { token })).status).toBe(204);
    for (const [method, body] of [["GET"], ["PATCH", { topic: "x" }], ["DELETE"]] as const) {
      const response = await api(sim, method, path, { token, body });
      expect(response.status).toBe(404);
      expect((await json(response)).code).toBe(3001);
    }
  });

  test("recover brings a deleted meeting back", async () => {
    const created = await create();
    await api(sim, "DELETE", `/meetings/${created.id}`, { token });
    const response = await api(sim, "PUT", `/meetings/${created.id}/status`, {
      token,
      body: { action: "recover" },
    });
    expect(response.status).toBe(204);
    expect((await api(sim, "GET", `/meetings/${created.id}`, { token })).status).toBe(200);
  });

  test("another account cannot see the meeting", async () => {
    const other = await startZoomSimulator({
      apps: [
        { accountId: "a1", clientId: "c1", clientSecret: "s1" },
        { accountId: "a2", clientId: "c2", clientSecret: "s2" },
      ],
      users: [
        { id: "u1", email: "one@example.com", accountId: "a1" },
        { id: "u2", email: "two@example.com", accountId: "a2" },
      ],
    });
    try {
      const t1 = await mint(other, { accountId: "a1", clientId: "c1", clientSecret: "s1" });
      const t2 = await mint(other, { accountId: "a2", clientId: "c2", clientSecret: "s2" });
      const created = await json(await api(other, "POST", "/users/u1/meetings", { token: t1, body: {} }));
      expect((await api(other, "GET", `/meetings/${created.id}`, { token: t2 })).status).toBe(404);
      expect((await api(other, "POST", "/users/u1/meetings", { token: t2, body: {} })).status).toBe(404);
    } finally {
      await other.close();
    }
  });
});

describe("listing meetings", () => {
  test("pages with page_size and next_page_token through every meeting once", async () => {
    const ids = new Set<number>();
    for (let i = 0; i < 25; i++) ids.add((await create({ topic: `m${i}` })).id as number);
    await create({}, second.id);
    const seen: number[] = [];
    let next = "";
    let pages = 0;
    do {
      const query = new URLSearchParams({ page_size: "10", ...(next ? { next_page_token: next } : {}) });
      const response = await api(sim, "GET", `/users/${host.id}/meetings?${query}`, { token });
      expect(response.status).toBe(200);
      const body = await json(response);
      expect(body).toMatchObject({ page_size: 10, total_records: 25 });
      const meetings = body.meetings as { id: number; host_id: string }[];
      for (const m of meetings) seen.push(m.id);
      next = body.next_page_token as string;
      pages += 1;
    } while (next);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(25);
    expect(new Set(seen)).toEqual(ids);
  });

  test("deleting while paging skips nothing that remains", async () => {
    const created = [];
    for (let i = 0; i < 6; i++) created.push(await create());
    const first = await json(await api(sim, "GET", `/users/me/meetings?page_size=3`, { token }));
    for (const m of first.meetings as { id: number }[])
      await api(sim, "DELETE", `/meetings/${m.id}`, { token });
    const rest = await json(
      await api(sim, "GET", `/users/me/meetings?page_size=3&next_page_token=${first.next_page_token}`, {
        token,
      }),
    );
    expect((rest.meetings as { id: number }[]).map((m) => m.id)).toEqual(created.slice(3).map((m) => m.id));
    expect(rest.next_page_token).toBe("");
  });

  test("defaults to 30 a page and serves at most 300", async () => {
    for (let i = 0; i < 31; i++) await create();
    const byDefault = await json(await api(sim, "GET", "/users/me/meetings", { token }));
    expect(byDefault.page_size).toBe(30);
    expect(byDefault.meetings).toHaveLength(30);
    const capped = await json(await api(sim, "GET", "/users/me/meetings?page_size=1000", { token }));
    expect(capped.page_size).toBe(300);
    expect(capped.meetings).toHaveLength(31);
    expect(capped.next_page_token).toBe("");
  });

  test("refuses a bad page_size and an unknown type as validation errors", async () => {
    for (const query of ["page_size=abc", "page_size=0", "type=sometimes"]) {
      const response = await api(sim, "GET", `/users/me/meetings?${query}`, { token });
      expect(response.status).toBe(400);
      const body = await json(response);
      expect(body).toMatchObject({ code: 300, message: "Validation Failed." });
      expect(body.errors).toEqual([
        expect.objectContaining({ field: expect.any(String), message: expect.any(String) }),
      ]);
    }
  });

  test("answers an unknown next_page_token as Zoom does: 400, code 300, invalid or expired", async () => {
    const response = await api(sim, "GET", "/users/me/meetings?next_page_token=bogus", { token });
    expect(response.status).toBe(400);
    expect(await json(response)).toEqual({
      code: 300,
      message: "The next page token is invalid or expired.",
    });
  });

  test("type=live lists started meetings, previous_meetings the ones whose time has passed", async () => {
    const running = await create();
    sim.control.startMeeting(running.id as number);
    sim.control.seedMeetings([
      { host: host.email, start_time: "2020-01-01T10:00:00Z", duration: 30, topic: "old" },
    ]);
    const live = await json(await api(sim, "GET", "/users/me/meetings?type=live", { token }));
    expect((live.meetings as { id: number }[]).map((m) => m.id)).toEqual([running.id]);
    const previous = await json(
      await api(sim, "GET", "/users/me/meetings?type=previous_meetings", { token }),
    );
    expect((previous.meetings as { topic: string }[]).map((m) => m.topic)).toEqual(["old"]);
  });
});
