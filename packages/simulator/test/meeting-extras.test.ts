import { describe, expect, test } from "vitest";
import { api, sharedSimulatorWithToken } from "./helpers.js";

const shared = sharedSimulatorWithToken();

async function call(method: string, path: string, body?: unknown) {
  const response = await api(shared.sim, method, path, { token: shared.token, body });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

describe("meeting registrants, polls, invitations and past instances", () => {
  test("poll answers of an ended instance follow the documented pattern; instances list every end", async () => {
    const m = await shared.create({ topic: "Polled" });
    const poll = await call("POST", `/meetings/${m.id}/polls`, {
      title: "Lunch",
      questions: [{ name: "Which?", type: "single", answers: ["Pizza", "Salad"] }],
    });
    expect(poll.body).toMatchObject({ status: "notstart", title: "Lunch" });
    shared.sim.control.startMeeting(m.id as number, [
      { name: "Ada", user_email: "ada@example.com" },
      { name: "Guest" },
      { name: "Grace", user_email: "grace@example.com" },
    ]);
    await call("PUT", `/meetings/${m.id}/status`, { action: "end" });
    const results = await call("GET", `/past_meetings/${m.id}/polls`);
    // Participant positions 0 and 2 answer answers[0] and answers[2 mod 2]; the guest without an email is left out.
    expect(
      (results.body.questions as { email: string; question_details: { answer: string }[] }[]).map((q) => [
        q.email,
        q.question_details[0]!.answer,
      ]),
    ).toEqual([
      ["ada@example.com", "Pizza"],
      ["grace@example.com", "Pizza"],
    ]);
    expect((await call("GET", `/meetings/${m.id}/polls/${poll.body.id}`)).body.status).toBe("ended");
    shared.sim.control.startMeeting(m.id as number);
    await call("PUT", `/meetings/${m.id}/status`, { action: "end" });
    const instances = (await call("GET", `/past_meetings/${m.id}/instances`)).body.meetings as {
      uuid: string;
    }[];
    expect(instances).toHaveLength(2);
    expect(instances[0]!.uuid).toBe(m.uuid);
    expect(
      (await call("GET", `/past_meetings/${encodeURIComponent(instances[1]!.uuid)}/polls`)).body.questions,
    ).toEqual([]);
  });

  test("registration: approval_type 1 keeps registrants pending; off is HTTP 300 / code 300", async () => {
    const m = await shared.create({ settings: { approval_type: 1 } });
    const reg = await call("POST", `/meetings/${m.id}/registrants`, {
      first_name: "Ada",
      email: "ada@example.com",
    });
    expect(reg.body).toMatchObject({ id: m.id, registrant_id: expect.any(String) });
    expect((await call("GET", `/meetings/${m.id}/registrants?status=pending`)).body.total_records).toBe(1);
    expect((await call("GET", `/meetings/${m.id}/registrants`)).body.total_records).toBe(0);
    const auto = await call("POST", `/meetings/${m.id}/registrants`, {
      first_name: "Bo",
      email: "bo@example.com",
      auto_approve: true,
    });
    expect((await call("GET", `/meetings/${m.id}/registrants/${auto.body.registrant_id}`)).body.status).toBe(
      "approved",
    );
    const off = await shared.create({});
    expect(await call("GET", `/meetings/${off.id}/registrants`)).toEqual({
      status: 300,
      body: { code: 300, message: `This meeting has not set registration as required: ${off.id}.` },
    });
  });

  test("the invitation names the topic, join URL and passcode; invite links are per attendee", async () => {
    const m = await shared.create({ topic: "Board", start_time: "2031-01-01T09:00:00Z" });
    const { body } = await call("GET", `/meetings/${m.id}/invitation`);
    expect(body.invitation).toContain("Topic: Board");
    expect(body.invitation).toContain(m.join_url as string);
    expect(body.invitation).toContain(`Passcode: ${m.password}`);
    const links = await call("POST", `/meetings/${m.id}/invite_links`, {
      attendees: [{ name: "A" }, { name: "B" }],
    });
    const urls = (links.body.attendees as { join_url: string }[]).map((a) => a.join_url);
    expect(new Set(urls).size).toBe(2);
  });
});
