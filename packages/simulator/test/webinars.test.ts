import { describe, expect, test } from "vitest";
import { DEFAULT_USERS } from "../src/index.js";
import { api, json, sharedSimulatorWithToken, simPost } from "./helpers.js";

const shared = sharedSimulatorWithToken();
const host = DEFAULT_USERS[0]!;

async function call(method: string, path: string, body?: unknown) {
  const response = await api(shared.sim, method, path, { token: shared.token, body });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

describe("webinars", () => {
  test("a seeded webinar that ended has instances, participants and absentees", async () => {
    const [seeded] = shared.sim.control.seedWebinars([
      {
        host: host.email,
        topic: "Quarterly",
        start_time: "2024-03-01T16:00:00Z",
        duration: 60,
        registrants: [
          { email: "came@example.com", first_name: "Came" },
          { email: "missed@example.com", first_name: "Missed" },
          { email: "waiting@example.com", first_name: "Waiting", status: "pending" },
        ],
        panelists: [{ name: "Grace", email: "grace@example.com" }],
        ended: true,
        participants: [{ name: "Came", user_email: "came@example.com" }, { name: "Walk-in" }],
      },
    ]);
    const id = seeded!.id as number;
    expect((await call("GET", `/past_webinars/${id}/instances`)).body).toEqual({
      webinars: [{ uuid: seeded!.uuid, start_time: "2024-03-01T16:00:00Z" }],
    });
    const participants = await call("GET", `/past_webinars/${id}/participants`);
    expect((participants.body.participants as { name: string }[]).map((p) => p.name)).toEqual([
      "Came",
      "Walk-in",
    ]);
    const absentees = await call(
      "GET",
      `/past_webinars/${encodeURIComponent(seeded!.uuid as string)}/absentees`,
    );
    expect((absentees.body.registrants as { email: string }[]).map((r) => r.email)).toEqual([
      "missed@example.com",
    ]);
    const pending = await call("GET", `/webinars/${id}/registrants?status=pending`);
    expect(pending.body.total_records).toBe(1);
    const panelists = await call("GET", `/webinars/${id}/panelists`);
    expect(panelists.body).toMatchObject({
      total_records: 1,
      panelists: [{ name: "Grace", email: "grace@example.com" }],
    });
  });

  test("registration: manual approval, the same email twice, approve and cancel", async () => {
    const created = await call("POST", "/users/me/webinars", {
      topic: "Manual",
      settings: { approval_type: 1 },
    });
    const id = created.body.id as number;
    const first = await call("POST", `/webinars/${id}/registrants`, {
      first_name: "Ada",
      email: "ada@example.com",
      org: "x",
      bogus: 1,
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ id: String(id), topic: "Manual" });
    const again = await call("POST", `/webinars/${id}/registrants`, {
      first_name: "Ada",
      email: "ADA@example.com",
    });
    expect(again.body.registrant_id).toBe(first.body.registrant_id);
    const one = await call("GET", `/webinars/${id}/registrants/${first.body.registrant_id}`);
    expect(one.body).toMatchObject({ status: "pending", org: "x", email: "ada@example.com" });
    expect(one.body).not.toHaveProperty("bogus");
    expect((await call("GET", `/webinars/${id}/registrants`)).body.total_records).toBe(0);
    await call("PUT", `/webinars/${id}/registrants/status`, {
      action: "approve",
      registrants: [{ email: "ada@example.com" }],
    });
    expect((await call("GET", `/webinars/${id}/registrants`)).body.total_records).toBe(1);
    await call("PUT", `/webinars/${id}/registrants/status`, { action: "cancel" });
    expect((await call("GET", `/webinars/${id}/registrants?status=denied`)).body.total_records).toBe(1);
  });

  test("registration off: 400 with code 3000; bad registrant bodies name their fields", async () => {
    const { body } = await call("POST", "/users/me/webinars", { topic: "Open" });
    const off = await call("POST", `/webinars/${body.id}/registrants`, {
      first_name: "Ada",
      email: "ada@example.com",
    });
    expect(off).toEqual({
      status: 400,
      body: { code: 3000, message: `This webinar does not have registration as required: ${body.id}.` },
    });
    const bad = await call("POST", `/webinars/${body.id}/registrants`, { email: "nope" });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      "email",
      "first_name",
    ]);
  });

  test("start, end, delete; a deleted or unknown webinar is 404 / 3001", async () => {
    const { body } = await call("POST", "/users/me/webinars", { topic: "Live" });
    shared.sim.control.startWebinar(body.id as number, [{ name: "Ada" }]);
    expect((await call("DELETE", `/webinars/${body.id}`)).body.code).toBe(3002);
    expect((await call("PUT", `/webinars/${body.id}/status`, { action: "end" })).status).toBe(204);
    expect((await call("GET", `/past_webinars/${body.id}/participants`)).body.total_records).toBe(1);
    expect((await call("DELETE", `/webinars/${body.id}`)).status).toBe(204);
    expect(await call("GET", `/webinars/${body.id}`)).toEqual({
      status: 404,
      body: { code: 3001, message: `Webinar ${body.id} not found or has expired.` },
    });
    // Past webinars outlive the deletion, as past meetings do.
    expect((await call("GET", `/past_webinars/${body.id}/instances`)).status).toBe(200);
  });

  test("the control surface seeds and starts webinars over HTTP, and checks what it gets", async () => {
    const seeded = await simPost(shared.sim, "/webinars", {
      webinars: [{ host: host.email, topic: "Over HTTP" }],
    });
    expect(seeded.status).toBe(201);
    const [webinar] = (await json(seeded)).webinars as { id: number }[];
    expect((await simPost(shared.sim, `/webinars/${webinar!.id}/start`, {})).status).toBe(200);
    expect((await call("GET", `/webinars/${webinar!.id}`)).body.topic).toBe("Over HTTP");
    expect(
      (await simPost(shared.sim, "/webinars", { webinars: [{ host: "nobody@example.com" }] })).status,
    ).toBe(400);
    expect((await simPost(shared.sim, "/webinars/12345678901/start", {})).status).toBe(404);
    expect(
      (await simPost(shared.sim, "/webinars", { webinars: [{ host: host.email, bogus: 1 }] })).status,
    ).toBe(400);
  });
});
