/**
 * The webhook events a meeting's or webinar's life produces beyond create and delete: started, ended,
 * recording.completed, and the registration events, each from its hook point (the control's start, the
 * status route's end, the registrant routes). Core's typed-events test checks the same events against
 * its `ZoomEvent` types; this file checks what the simulator puts in them.
 */
import { describe, expect, test } from "vitest";
import type { ZoomSimulator } from "../src/index.js";
import { api, json, manualClock, mint, simPost, simulatorPerTest } from "./helpers.js";
import { type WebhookEndpoint, webhookEndpointPerTest } from "./webhook-endpoint.js";

const SECRET = "webhook-events-secret";
const start = simulatorPerTest();
const endpoint = webhookEndpointPerTest();
/** Each kind of event with its API base and create path. */
const KINDS = [
  ["meeting", "/meetings", "/users/me/meetings"],
  ["webinar", "/webinars", "/users/me/webinars"],
] as const;
const HOST = { operator: "host@example.com", operator_id: expect.any(String) };

async function setup(): Promise<{
  sim: ZoomSimulator;
  hook: WebhookEndpoint;
  token: string;
  clock: ReturnType<typeof manualClock>;
}> {
  const hook = await endpoint();
  const clock = manualClock();
  const sim = await start({ webhook: { url: hook.url, secretToken: SECRET }, now: clock.now });
  return { sim, hook, token: await mint(sim), clock };
}

/** The events received so far, by name (deliveries sent together may arrive in any order). */
function byName(hook: WebhookEndpoint): Record<string, ReturnType<WebhookEndpoint["events"]>> {
  const out: Record<string, ReturnType<WebhookEndpoint["events"]>> = {};
  for (const e of hook.events()) out[e.event] = [...(out[e.event] ?? []), e];
  return out;
}

describe("meeting and webinar sessions", () => {
  test("start and end send meeting.started, meeting.ended and, recorded in the cloud, recording.completed", async () => {
    const { sim, hook, token, clock } = await setup();
    const created = await json(
      await api(sim, "POST", "/users/me/meetings", {
        token,
        body: { topic: "Recorded", duration: 45, settings: { auto_recording: "cloud" } },
      }),
    );
    const id = created.id as number;
    clock.advance(60_000);
    sim.control.startMeeting(id, [{ name: "Ada" }]);
    clock.advance(30 * 60_000);
    const end = await api(sim, "PUT", `/meetings/${id}/status`, { token, body: { action: "end" } });
    expect(end.status).toBe(204);
    await sim.control.webhooksIdle();

    const events = byName(hook);
    expect(Object.keys(events).sort()).toEqual([
      "meeting.created",
      "meeting.ended",
      "meeting.started",
      "recording.completed",
    ]);
    const startedAt = new Date(clock.now() - 30 * 60_000).toISOString().replace(".000Z", "Z");
    const endedAt = new Date(clock.now()).toISOString().replace(".000Z", "Z");
    const session = {
      account_id: "sim-account-1",
      object: {
        uuid: created.uuid,
        id: String(id),
        host_id: created.host_id,
        topic: "Recorded",
        type: 2,
        duration: 45,
        timezone: created.timezone,
        start_time: startedAt,
      },
    };
    expect(events["meeting.started"]![0]!.payload).toEqual(session);
    expect(events["meeting.ended"]![0]!.payload).toEqual({
      ...session,
      object: { ...session.object, end_time: endedAt },
    });

    const completed = events["recording.completed"]![0]!;
    expect(completed.download_token).toEqual(expect.any(String));
    // The recordings API's answer, less the passcode it alone carries.
    const { recording_play_passcode: _, ...recording } = await json(
      await api(sim, "GET", `/meetings/${id}/recordings`, { token }),
    );
    expect(completed.payload).toEqual({
      account_id: "sim-account-1",
      object: {
        ...recording,
        account_id: "sim-account-1",
        timezone: created.timezone,
        host_email: "host@example.com",
        password: expect.any(String),
      },
    });
    expect(recording).toMatchObject({ uuid: created.uuid, duration: 30, recording_count: 3 });
  });

  test("a later instance's started and ended events share its new uuid; a meeting not recorded sends no recording event", async () => {
    const { sim, hook, token, clock } = await setup();
    const created = await json(await api(sim, "POST", "/users/me/meetings", { token, body: {} }));
    for (let i = 0; i < 2; i++) {
      sim.control.startMeeting(created.id as number);
      clock.advance(60_000);
      await api(sim, "PUT", `/meetings/${created.id}/status`, { token, body: { action: "end" } });
    }
    // Ending a meeting that is not running changes nothing and sends nothing.
    await api(sim, "PUT", `/meetings/${created.id}/status`, { token, body: { action: "end" } });
    await sim.control.webhooksIdle();
    const events = byName(hook);
    expect(events["recording.completed"]).toBeUndefined();
    const uuids = (name: string) => events[name]!.map((e) => (e.payload.object as { uuid: string }).uuid);
    expect(uuids("meeting.started")).toEqual(uuids("meeting.ended"));
    const [first, second] = uuids("meeting.started");
    expect(first).toBe(created.uuid);
    expect(second).not.toBe(created.uuid);
    const instances = await json(await api(sim, "GET", `/past_meetings/${created.id}/instances`, { token }));
    expect((instances.meetings as { uuid: string }[]).map((m) => m.uuid).sort()).toEqual(
      [first, second].sort(),
    );
  });

  test("a webinar's start (JS or HTTP control) and end send webinar.started and webinar.ended", async () => {
    const { sim, hook, token, clock } = await setup();
    const created = await json(
      await api(sim, "POST", "/users/me/webinars", { token, body: { topic: "Launch", duration: 90 } }),
    );
    const started = await simPost(sim, `/webinars/${created.id}/start`, {});
    expect(started.status).toBe(200);
    clock.advance(20 * 60_000);
    const end = await api(sim, "PUT", `/webinars/${created.id}/status`, { token, body: { action: "end" } });
    expect(end.status).toBe(204);
    await sim.control.webhooksIdle();
    const events = byName(hook);
    expect(Object.keys(events).sort()).toEqual(["webinar.created", "webinar.ended", "webinar.started"]);
    const object = { uuid: created.uuid, id: String(created.id), topic: "Launch", type: 5, duration: 90 };
    expect(events["webinar.started"]![0]!.payload).toMatchObject({ account_id: "sim-account-1", object });
    const ended = events["webinar.ended"]![0]!.payload.object as Record<string, string>;
    expect(ended).toMatchObject(object);
    expect(Date.parse(ended.end_time!) - Date.parse(ended.start_time!)).toBe(20 * 60_000);
  });
});

describe("update events", () => {
  test.each(KINDS)(
    "a %s's PATCH sends *.updated with the changed fields before and after; one changing nothing sends none",
    async (kind, base, create) => {
      const { sim, hook, token, clock } = await setup();
      const created = await json(
        await api(sim, "POST", create, { token, body: { topic: "Before", duration: 30, agenda: "Same" } }),
      );
      const patch = (body: unknown) => api(sim, "PATCH", `${base}/${created.id}`, { token, body });
      clock.advance(5_000);
      expect((await patch({ topic: "After", agenda: "Same", settings: { host_video: true } })).status).toBe(
        204,
      );
      expect((await patch({ topic: "After", duration: 30 })).status).toBe(204);
      await sim.control.webhooksIdle();
      const updated = hook.events().filter((e) => e.event === `${kind}.updated`);
      expect(updated.map((e) => e.payload)).toEqual([
        {
          account_id: "sim-account-1",
          ...HOST,
          object: { id: created.id, uuid: created.uuid, topic: "After", settings: { host_video: true } },
          old_object: {
            id: created.id,
            uuid: created.uuid,
            topic: "Before",
            settings: { host_video: false },
          },
          time_stamp: clock.now(),
        },
      ]);
    },
  );
});

describe("registration events", () => {
  test.each(KINDS)(
    "%s registrants: created once per email, then approved, cancelled and denied as they change",
    async (kind, base, create) => {
      const { sim, hook, token } = await setup();
      const created = await json(
        await api(sim, "POST", create, { token, body: { topic: "Signup", settings: { approval_type: 1 } } }),
      );
      const registrants = `${base}/${created.id}/registrants`;
      const register = async (email: string) =>
        json(
          await api(sim, "POST", registrants, {
            token,
            body: { email, first_name: "Ada", org: "Analytical" },
          }),
        );
      const ada = await register("ada@example.com");
      expect(await register("ADA@example.com")).toMatchObject({ registrant_id: ada.registrant_id });
      const bob = await register("bob@example.com");
      const status = (action: string, id: unknown) =>
        api(sim, "PUT", `${registrants}/status`, { token, body: { action, registrants: [{ id }] } });
      const steps: [string, unknown][] = [
        ["approve", ada.registrant_id],
        ["approve", ada.registrant_id],
        ["cancel", ada.registrant_id],
        ["deny", bob.registrant_id],
      ];
      for (const [action, id] of steps) expect((await status(action, id)).status).toBe(204);
      await sim.control.webhooksIdle();

      const events = hook.events().filter((e) => e.event.startsWith(`${kind}.registration_`));
      expect(events.map((e) => e.event).sort()).toEqual(
        [
          "registration_approved",
          "registration_cancelled",
          "registration_created",
          "registration_created",
          "registration_denied",
        ].map((name) => `${kind}.${name}`),
      );
      const subject = { uuid: created.uuid, id: created.id, host_id: created.host_id, topic: "Signup" };
      const of = (name: string) => events.filter((e) => e.event === `${kind}.${name}`).map((e) => e.payload);
      const listed = await json(await api(sim, "GET", `${registrants}/${ada.registrant_id}`, { token }));
      const [adaCreated] = of("registration_created");
      expect(adaCreated).toMatchObject({ account_id: "sim-account-1", object: subject });
      expect(adaCreated).not.toHaveProperty("operator");
      const { create_time: _, status: __, ...asListed } = listed;
      expect((adaCreated!.object as { registrant: unknown }).registrant).toEqual({
        ...asListed,
        status: "pending",
      });
      expect(asListed).toMatchObject({ org: "Analytical", join_url: expect.stringContaining("tk=") });

      const who = (r: Record<string, unknown>) => ({
        id: r.registrant_id,
        first_name: "Ada",
        last_name: "",
        email: r === ada ? "ada@example.com" : "bob@example.com",
      });
      expect(of("registration_approved")).toEqual([
        {
          account_id: "sim-account-1",
          ...HOST,
          object: { ...subject, ...rest(adaCreated), registrant: { ...who(ada), join_url: listed.join_url } },
        },
      ]);
      expect(of("registration_cancelled")[0]).toMatchObject({ ...HOST, object: { registrant: who(ada) } });
      expect(of("registration_denied")[0]).toMatchObject({ ...HOST, object: { registrant: who(bob) } });
      expect((of("registration_denied")[0]!.object as { registrant: object }).registrant).not.toHaveProperty(
        "join_url",
      );
    },
  );
});

/** The meeting fields of a registration event's object, without the registrant. */
function rest(payload: Record<string, unknown> | undefined): Record<string, unknown> {
  const { registrant: _, ...fields } = (payload?.object ?? {}) as Record<string, unknown>;
  return fields;
}
