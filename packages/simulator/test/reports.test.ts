import { describe, expect, test } from "vitest";
import { api, sharedSimulatorWithToken } from "./helpers.js";

const shared = sharedSimulatorWithToken();

async function get(path: string) {
  const response = await api(shared.sim, "GET", path, { token: shared.token });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("reports", () => {
  test("a host's held meetings in a date range, with participants in seconds and registrant ids", async () => {
    const [m] = shared.sim.control.seedMeetings([
      {
        host: "host@example.com",
        topic: "Jan",
        start_time: "2025-01-10T09:00:00Z",
        duration: 30,
        ended: true,
        recorded: true,
        participants: [
          { name: "Ada", user_email: "ada@example.com" },
          { name: "Guest", duration: 5 },
        ],
      },
      { host: "host@example.com", topic: "Feb", start_time: "2025-02-10T09:00:00Z", ended: true },
      { host: "host@example.com", topic: "Not held", start_time: "2025-01-12T09:00:00Z" },
    ]);
    const list = await get("/report/users/me/meetings?from=2025-01-01&to=2025-01-31");
    expect(list.body).toMatchObject({ from: "2025-01-01", to: "2025-01-31", total_records: 1 });
    expect((list.body.meetings as unknown[])[0]).toMatchObject({
      topic: "Jan",
      participants_count: 2,
      total_minutes: 35,
      has_recording: true,
    });
    const details = await get(`/report/meetings/${m!.id}`);
    expect(details.body).toMatchObject({
      id: m!.id,
      start_time: "2025-01-10T09:00:00Z",
      end_time: "2025-01-10T09:30:00Z",
    });
    const rows = (await get(`/report/meetings/${m!.id}/participants`)).body.participants as Record<
      string,
      unknown
    >[];
    expect(rows.map((r) => [r.name, r.duration, r.leave_time])).toEqual([
      ["Ada", 1800, "2025-01-10T09:30:00Z"],
      ["Guest", 300, "2025-01-10T09:05:00Z"],
    ]);
    expect(rows[0]).not.toHaveProperty("registrant_id");
  });

  test("webinar reports carry registrant ids when asked; a bad page token is HTTP 300 / code 300", async () => {
    const [w] = shared.sim.control.seedWebinars([
      {
        host: "host@example.com",
        start_time: "2025-01-11T16:00:00Z",
        registrants: [{ email: "ada@example.com", first_name: "Ada" }],
        ended: true,
        participants: [{ name: "Ada", user_email: "ada@example.com" }, { name: "Walk-in" }],
      },
    ]);
    const registrants = await api(shared.sim, "GET", `/webinars/${w!.id}/registrants`, {
      token: shared.token,
    });
    const [ada] = ((await registrants.json()) as { registrants: { id: string }[] }).registrants;
    const rows = (await get(`/report/webinars/${w!.id}/participants?include_fields=registrant_id`)).body
      .participants as Record<string, unknown>[];
    expect(rows.map((r) => r.registrant_id)).toEqual([ada!.id, ""]);
    expect(await get(`/report/webinars/${w!.id}/participants?next_page_token=stale`)).toEqual({
      status: 300,
      body: { code: 300, message: "The next page token is invalid or expired." },
    });
  });
});
