import { describe, expect, test } from "vitest";
import { DEFAULT_USERS } from "../src/index.js";
import { api, json, manualClock, sharedSimulatorWithToken } from "./helpers.js";

const clock = manualClock(Date.UTC(2025, 0, 15, 12, 0, 0));
const shared = sharedSimulatorWithToken({ now: clock.now });
const host = DEFAULT_USERS[0]!;

function seedRecorded(start: string, topic = "Recorded") {
  const [meeting] = shared.sim.control.seedMeetings([
    { host: host.email, topic, start_time: start, duration: 30, ended: true, recorded: true },
  ]);
  return meeting!.id as number;
}

async function get(path: string) {
  const response = await api(shared.sim, "GET", path, { token: shared.token });
  return { status: response.status, body: await json(response) };
}

describe("cloud recordings", () => {
  test("a recorded meeting lists by date and answers by id and by instance uuid", async () => {
    const id = seedRecorded("2025-01-15T09:00:00Z");
    seedRecorded("2025-01-02T09:00:00Z", "Earlier");
    seedRecorded("2025-01-14T09:00:00Z", "Not recorded today");
    // Without from/to: today (the simulator's clock) and tomorrow, as Zoom defaults.
    const today = await get("/users/me/recordings");
    expect((today.body.meetings as { topic: string }[]).map((m) => m.topic)).toEqual(["Recorded"]);
    const month = await get("/users/me/recordings?from=2025-01-01&to=2025-01-31");
    expect(month.body).toMatchObject({ from: "2025-01-01", to: "2025-01-31", total_records: 3 });
    const one = await get(`/meetings/${id}/recordings`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      id,
      topic: "Recorded",
      start_time: "2025-01-15T09:00:00Z",
      duration: 30,
    });
    const files = one.body.recording_files as { file_type: string; file_size: number }[];
    expect(files.map((f) => f.file_type)).toEqual(["MP4", "M4A", "TRANSCRIPT"]);
    expect(one.body.total_size).toBe(files.reduce((sum, f) => sum + f.file_size, 0));
    const byUuid = await get(
      `/meetings/${encodeURIComponent(encodeURIComponent(one.body.uuid as string))}/recordings`,
    );
    expect(byUuid.body.id).toBe(id);
  });

  test("a range over a month or running backwards is a validation error", async () => {
    for (const query of [
      "from=2025-01-01&to=2025-03-01",
      "from=2025-01-10&to=2025-01-01",
      "from=yesterday",
    ]) {
      const { status, body } = await get(`/users/me/recordings?${query}`);
      expect(status, query).toBe(400);
      expect(body).toMatchObject({ code: 300, message: "Validation Failed." });
    }
  });

  test("trash a file, trash the rest, recover, then delete for good", async () => {
    const id = seedRecorded("2025-01-15T09:00:00Z");
    const { body } = await get(`/meetings/${id}/recordings`);
    const [video] = body.recording_files as { id: string }[];
    const del = (path: string) => api(shared.sim, "DELETE", path, { token: shared.token });
    expect((await del(`/meetings/${id}/recordings/${video!.id}`)).status).toBe(204);
    expect(((await get(`/meetings/${id}/recordings`)).body.recording_files as unknown[]).length).toBe(2);
    expect((await del(`/meetings/${id}/recordings?action=trash`)).status).toBe(204);
    expect((await get(`/meetings/${id}/recordings`)).body).toMatchObject({ code: 3301 });
    const trash = await get("/users/me/recordings?trash=true");
    const trashed = (trash.body.meetings as { recording_files: { deleted_time?: string }[] }[])[0]!;
    expect(trashed.recording_files.map((f) => f.deleted_time)).toEqual(Array(3).fill("2025-01-15T12:00:00Z"));
    const recover = await api(shared.sim, "PUT", `/meetings/${id}/recordings/status`, {
      token: shared.token,
      body: { action: "recover" },
    });
    expect(recover.status).toBe(204);
    expect(((await get(`/meetings/${id}/recordings`)).body.recording_files as unknown[]).length).toBe(3);
    expect((await del(`/meetings/${id}/recordings?action=delete`)).status).toBe(204);
    expect((await get(`/meetings/${id}/recordings`)).status).toBe(404);
    expect((await get("/users/me/recordings?trash=true")).body.total_records).toBe(0);
  });

  test("settings: read, update the documented fields, refuse bad values", async () => {
    const id = seedRecorded("2025-01-15T09:00:00Z");
    const patch = (body: unknown) =>
      api(shared.sim, "PATCH", `/meetings/${id}/recordings/settings`, { token: shared.token, body });
    expect((await patch({ share_recording: "publicly", password: "abc123", unknown: 1 })).status).toBe(204);
    const { body } = await get(`/meetings/${id}/recordings/settings`);
    expect(body).toMatchObject({ share_recording: "publicly", password: "abc123" });
    expect(body).not.toHaveProperty("unknown");
    const bad = await patch({ share_recording: "everyone", password: "far-too-long-password" });
    expect(bad.status).toBe(400);
    expect(((await json(bad)).errors as { field: string }[]).map((e) => e.field)).toEqual([
      "share_recording",
      "password",
    ]);
  });

  test("a meeting with auto_recording cloud is recorded when it ends; others are not", async () => {
    const cloud = await shared.create({ topic: "Cloud", settings: { auto_recording: "cloud" } });
    const local = await shared.create({ topic: "Local", settings: { auto_recording: "local" } });
    for (const m of [cloud, local]) {
      shared.sim.control.startMeeting(m.id as number, [{ name: "Ada" }]);
      clock.advance(60_000);
      const end = await api(shared.sim, "PUT", `/meetings/${m.id}/status`, {
        token: shared.token,
        body: { action: "end" },
      });
      expect(end.status).toBe(204);
    }
    expect((await get(`/meetings/${cloud.id}/recordings`)).status).toBe(200);
    expect((await get(`/meetings/${local.id}/recordings`)).body).toEqual({
      code: 3301,
      message: "There is no recording for this meeting.",
    });
  });
});
