import { describe, expect, test } from "vitest";
import { api, mint, sharedSimulatorWithToken } from "./helpers.js";

const shared = sharedSimulatorWithToken();

async function call(method: string, path: string, body?: unknown) {
  const response = await api(shared.sim, method, path, { token: shared.token, body });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

describe("managing users", () => {
  test("an invited user is pending, an auto-created one active; profile updates show in GET", async () => {
    const invited = await call("POST", "/users", {
      action: "create",
      user_info: { email: "inv@example.com", type: 1 },
    });
    const made = await call("POST", "/users", {
      action: "autoCreate",
      user_info: { email: "auto@example.com", type: 2, first_name: "Auto" },
    });
    expect(made.body).toMatchObject({ email: "auto@example.com", first_name: "Auto", type: 2 });
    const pending = await call("GET", "/users?status=pending");
    expect((pending.body.users as { email: string }[]).map((u) => u.email)).toEqual(["inv@example.com"]);
    await call("PATCH", `/users/${made.body.id}`, {
      job_title: "Host",
      timezone: "Asia/Tokyo",
      type: 1,
      bogus: 1,
    });
    const user = await call("GET", `/users/auto@example.com`);
    expect(user.body).toMatchObject({ job_title: "Host", timezone: "Asia/Tokyo", type: 1, status: "active" });
    expect(user.body).not.toHaveProperty("bogus");
    expect((await call("GET", "/users/email?email=INV%40example.com")).body).toEqual({ existed_email: true });
    expect((await call("DELETE", `/users/${invited.body.id}`)).status).toBe(204);
    expect((await call("GET", "/users/email?email=inv%40example.com")).body).toEqual({
      existed_email: false,
    });
  });

  test("settings merge within a group; meeting_security reads apart; reset restores the users", async () => {
    await call("PATCH", "/users/me/settings", {
      in_meeting: { chat: false },
      meeting_security: { waiting_room: false },
    });
    const all = (await call("GET", "/users/me/settings")).body;
    expect(all.in_meeting).toMatchObject({ chat: false, co_host: true });
    expect(all).not.toHaveProperty("meeting_security");
    const security = (await call("GET", "/users/me/settings?option=meeting_security")).body;
    expect(security).toEqual({ meeting_security: expect.objectContaining({ waiting_room: false }) });
    await call("POST", "/users", { action: "custCreate", user_info: { email: "temp@example.com", type: 1 } });
    expect((await call("GET", "/users/temp@example.com")).status).toBe(200);
    shared.sim.control.reset();
    const token = await mint(shared.sim);
    expect((await api(shared.sim, "GET", "/users/temp@example.com", { token })).status).toBe(404);
    const settings = await api(shared.sim, "GET", "/users/me/settings", { token });
    expect(((await settings.json()) as { in_meeting: { chat: boolean } }).in_meeting.chat).toBe(true);
  });

  test("the owner cannot be removed or deactivated (400 / 200); others can, and leave the active list", async () => {
    expect((await call("DELETE", "/users/me")).body.code).toBe(200);
    expect((await call("PUT", "/users/me/status", { action: "deactivate" })).body.code).toBe(200);
    expect(
      (await call("PUT", "/users/second.host@example.com/status", { action: "deactivate" })).status,
    ).toBe(204);
    const active = (await call("GET", "/users")).body.users as { email: string }[];
    expect(active.map((u) => u.email)).toEqual(["host@example.com"]);
  });
});
