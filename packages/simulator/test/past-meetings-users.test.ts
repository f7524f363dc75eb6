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

describe("meeting status and past meetings", () => {
  test("ending a started meeting records the past meeting and its participants", async () => {
    const created = await create({ topic: "Retro" });
    const id = created.id as number;
    expect((await api(sim, "GET", `/past_meetings/${id}`, { token })).status).toBe(404);
    sim.control.startMeeting(id, [
      { name: "Ada", user_email: "ada@example.com" },
      { name: "Grace" },
      { name: "Linus", duration: 5 },
    ]);
    expect((await json(await api(sim, "GET", `/meetings/${id}`, { token }))).status).toBe("started");
    const inProgress = await api(sim, "DELETE", `/meetings/${id}`, { token });
    expect(inProgress.status).toBe(400);
    expect((await json(inProgress)).code).toBe(3002);
    expect((await api(sim, "PUT", `/meetings/${id}/status`, { token, body: { action: "end" } })).status).toBe(
      204,
    );
    const past = await json(await api(sim, "GET", `/past_meetings/${id}`, { token }));
    expect(past).toMatchObject({
      id,
      uuid: created.uuid,
      topic: "Retro",
      host_id: host.id,
      participants_count: 3,
    });
    const page1 = await json(
      await api(sim, "GET", `/past_meetings/${id}/participants?page_size=2`, { token }),
    );
    expect(page1).toMatchObject({ total_records: 3, page_size: 2 });
    expect((page1.participants as { name: string }[]).map((p) => p.name)).toEqual(["Ada", "Grace"]);
    const page2 = await json(
      await api(
        sim,
        "GET",
        `/past_meetings/${id}/participants?page_size=2&next_page_token=${page1.next_page_token}`,
        {
          token,
        },
      ),
    );
    expect((page2.participants as { name: string }[]).map((p) => p.name)).toEqual(["Linus"]);
    expect(page2.next_page_token).toBe("");
    const byUuid = await api(
      sim,
      "GET",
      `/past_meetings/${encodeURIComponent(encodeURIComponent(created.uuid as string))}`,
      {
        token,
      },
    );
    expect(byUuid.status).toBe(200);
  });

  test("a meeting that never ran has no past meeting (404/3001)", async () => {
    const created = await create();
    await api(sim, "PUT", `/meetings/${created.id}/status`, { token, body: { action: "end" } });
    for (const path of [`/past_meetings/${created.id}`, `/past_meetings/${created.id}/participants`]) {
      const response = await api(sim, "GET", path, { token });
      expect(response.status).toBe(404);
      expect((await json(response)).code).toBe(3001);
    }
  });

  test("status needs a valid action", async () => {
    const created = await create();
    for (const body of [{}, { action: "pause" }]) {
      const response = await api(sim, "PUT", `/meetings/${created.id}/status`, { token, body });
      expect(response.status).toBe(400);
      expect((await json(response)).errors).toEqual([expect.objectContaining({ field: "action" })]);
    }
  });

  test("seeded meetings that ended in the past have past details, from options and control", async () => {
    const seeded = await startZoomSimulator({
      meetings: [
        {
          host: host.email,
          topic: "Yesterday",
          start_time: "2024-03-01T09:00:00Z",
          duration: 30,
          ended: true,
          participants: [{ name: "Ada" }],
        },
      ],
    });
    try {
      const t = await mint(seeded);
      const list = await json(await api(seeded, "GET", "/users/me/meetings", { token: t }));
      const [meeting] = list.meetings as { id: number; start_time: string; duration: number }[];
      expect(meeting).toMatchObject({ start_time: "2024-03-01T09:00:00Z", duration: 30 });
      const past = await json(await api(seeded, "GET", `/past_meetings/${meeting!.id}`, { token: t }));
      expect(past).toMatchObject({
        start_time: "2024-03-01T09:00:00Z",
        end_time: "2024-03-01T09:30:00Z",
        duration: 30,
      });
      const [more] = seeded.control.seedMeetings([
        { host: host.id, start_time: "2024-03-02T09:00:00Z", ended: true },
      ]);
      expect((await api(seeded, "GET", `/past_meetings/${more!.id}`, { token: t })).status).toBe(200);
    } finally {
      await seeded.close();
    }
  });
});

describe("users", () => {
  test("lists the seeded users and gets one by id, email or me", async () => {
    const list = await json(await api(sim, "GET", "/users", { token }));
    expect(list).toMatchObject({ total_records: 2, page_size: 30, next_page_token: "" });
    expect((list.users as { email: string }[]).map((u) => u.email)).toEqual(
      DEFAULT_USERS.map((u) => u.email),
    );
    for (const id of [second.id, second.email]) {
      const user = await json(await api(sim, "GET", `/users/${id}`, { token }));
      expect(user).toMatchObject({
        id: second.id,
        email: second.email,
        status: "active",
        role_name: "Member",
      });
    }
    expect(await json(await api(sim, "GET", "/users/me", { token }))).toMatchObject({
      id: host.id,
      role_name: "Owner",
    });
  });

  test("an unknown user is 404 with code 1001", async () => {
    const response = await api(sim, "GET", "/users/ghost@example.com", { token });
    expect(response.status).toBe(404);
    expect(await json(response)).toEqual({ code: 1001, message: "User does not exist: ghost@example.com." });
  });
});
