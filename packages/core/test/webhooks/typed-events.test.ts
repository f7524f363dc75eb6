/**
 * The simulator's webhook deliveries, received over real HTTP, verified, and recognised as typed
 * events: the fields the types mark as always sent are there with their types, so `event.event`
 * narrowing is honest about what arrives. Every event the simulator sends is covered here;
 * test/types/webhook-events.ts checks the narrowing of every event the types describe at compile time.
 */
import { DEFAULT_APP, DEFAULT_USERS, startZoomSimulator, type ZoomSimulator } from "@zoomkit/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { createZoomClient, type ZoomClient } from "../../src/index.js";
import { isZoomEvent, type ZoomEventName } from "../../src/webhooks/index.js";
import { described } from "./event-promises.js";
import { verifyingEndpointPerTest } from "./verifying-endpoint.js";

const SECRET = "typed-events-secret";
const HOST = DEFAULT_USERS[0]!.email;
let sim: ZoomSimulator | undefined;
let zoom: ZoomClient | undefined;

afterEach(async () => {
  await zoom?.close();
  await sim?.close();
  sim = undefined;
  zoom = undefined;
});
const endpoint = verifyingEndpointPerTest(SECRET);

/** A simulator posting its events to `url`, and a client for it. */
async function simulatorFor(url: string): Promise<{ sim: ZoomSimulator; zoom: ZoomClient }> {
  sim = await startZoomSimulator({ webhook: { url, secretToken: SECRET } });
  zoom = createZoomClient({ ...DEFAULT_APP, oauthUrl: sim.oauthUrl, baseUrl: sim.baseUrl });
  return { sim, zoom };
}

describe("the simulator's webhook events against the typed union", () => {
  it("sends the meeting and webinar created/deleted events and url_validation as the types describe them", async () => {
    const hook = await endpoint();
    const { sim, zoom } = await simulatorFor(hook.url);
    const { data } = await zoom.POST("/users/{userId}/meetings", {
      params: { path: { userId: HOST } },
      body: { topic: "Typed", type: 2, start_time: "2030-01-01T10:00:00Z", duration: 30 },
    });
    await zoom.DELETE("/meetings/{meetingId}", { params: { path: { meetingId: data!.id! } } });
    const webinar = await zoom.POST("/users/{userId}/webinars", {
      params: { path: { userId: HOST } },
      body: { topic: "Typed webinar", type: 5, start_time: "2030-01-02T10:00:00Z", duration: 60 },
    });
    await zoom.DELETE("/webinars/{webinarId}", { params: { path: { webinarId: webinar.data!.id! } } });
    expect((await sim.control.sendUrlValidation()).ok).toBe(true);
    await sim.control.webhooksIdle();

    expect(hook.events.map((e) => e.event)).toEqual([
      "meeting.created",
      "meeting.deleted",
      "webinar.created",
      "webinar.deleted",
      "endpoint.url_validation",
    ]);
    const [created] = described(hook.events);
    if (created?.event === "meeting.created") {
      expect(String(created.payload.object.id)).toBe(String(data!.id));
      expect(created.payload.object.topic).toBe("Typed");
    } else expect.fail("the first event is meeting.created");
  });

  it("sends updated, started, ended, recording.completed and the registration events as the types describe them", async () => {
    const hook = await endpoint();
    const { sim, zoom } = await simulatorFor(hook.url);
    const settings = { auto_recording: "cloud", approval_type: 1 } as const;
    const meeting = (
      await zoom.POST("/users/{userId}/meetings", {
        params: { path: { userId: HOST } },
        body: { topic: "Lifecycle", type: 2, start_time: "2030-01-01T10:00:00Z", duration: 30, settings },
      })
    ).data!;
    const webinar = (
      await zoom.POST("/users/{userId}/webinars", {
        params: { path: { userId: HOST } },
        body: { topic: "Lifecycle webinar", type: 5, duration: 60, settings: { approval_type: 1 } },
      })
    ).data!;
    const meetingId = meeting.id!;
    const webinarId = webinar.id!;
    const onMeeting = { params: { path: { meetingId } } };
    const onWebinar = { params: { path: { webinarId } } };
    const ada = { email: "ada@example.com", first_name: "Ada", last_name: "Lovelace" };
    const bob = { email: "bob@example.com", first_name: "Bob" };
    const m1 = (await zoom.POST("/meetings/{meetingId}/registrants", { ...onMeeting, body: ada })).data!;
    const m2 = (await zoom.POST("/meetings/{meetingId}/registrants", { ...onMeeting, body: bob })).data!;
    const w1 = (await zoom.POST("/webinars/{webinarId}/registrants", { ...onWebinar, body: ada })).data!;
    const w2 = (await zoom.POST("/webinars/{webinarId}/registrants", { ...onWebinar, body: bob })).data!;
    const meetingStatus = (action: "approve" | "deny" | "cancel", id: string) =>
      zoom!.PUT("/meetings/{meetingId}/registrants/status", {
        ...onMeeting,
        body: { action, registrants: [{ id }] },
      });
    const webinarStatus = (action: "approve" | "deny" | "cancel", id: string) =>
      zoom!.PUT("/webinars/{webinarId}/registrants/status", {
        ...onWebinar,
        body: { action, registrants: [{ id }] },
      });
    await meetingStatus("approve", m1.registrant_id!);
    await meetingStatus("cancel", m1.registrant_id!);
    await meetingStatus("deny", m2.registrant_id!);
    await webinarStatus("approve", w1.registrant_id!);
    await webinarStatus("cancel", w1.registrant_id!);
    await webinarStatus("deny", w2.registrant_id!);
    await zoom.PATCH("/meetings/{meetingId}", { ...onMeeting, body: { topic: "Lifecycle, moved" } });
    await zoom.PATCH("/webinars/{webinarId}", { ...onWebinar, body: { duration: 90 } });
    sim.control.startMeeting(meetingId);
    sim.control.startWebinar(webinarId);
    await zoom.PUT("/meetings/{meetingId}/status", { ...onMeeting, body: { action: "end" } });
    await zoom.PUT("/webinars/{webinarId}/status", { ...onWebinar, body: { action: "end" } });
    await sim.control.webhooksIdle();

    expect(hook.refused).toEqual([]);
    const seen = new Set<ZoomEventName>();
    /** The meeting instance's uuid, as the started, ended and recording events name it. */
    const instances = new Set<string | undefined>();
    for (const event of described(hook.events)) {
      seen.add(event.event);
      // Each branch reads fields only its event's payload type has: `event.event` narrowed it.
      switch (event.event) {
        case "meeting.updated":
          expect(event.payload.object).toMatchObject({ id: meetingId, topic: "Lifecycle, moved" });
          expect(event.payload.old_object?.topic).toBe("Lifecycle");
          expect(event.payload.time_stamp).toEqual(expect.any(Number));
          break;
        case "webinar.updated":
          expect(event.payload.object.duration).toBe(90);
          expect(event.payload.old_object?.duration).toBe(60);
          break;
        case "meeting.started":
        case "meeting.ended":
          expect(String(event.payload.object.id)).toBe(String(meetingId));
          instances.add(event.payload.object.uuid);
          expect(event.payload.object.start_time).toMatch(/Z$/);
          if (event.event === "meeting.ended") expect(event.payload.object.end_time).toMatch(/Z$/);
          break;
        case "webinar.started":
        case "webinar.ended":
          expect(String(event.payload.object.id)).toBe(String(webinarId));
          expect(event.payload.object.topic).toBe("Lifecycle webinar");
          break;
        case "recording.completed": {
          const { object } = event.payload;
          expect(String(object.id)).toBe(String(meetingId));
          instances.add(object.uuid);
          expect(object.host_email).toBe(HOST);
          expect(event.download_token).toEqual(expect.any(String));
          expect(object.recording_files?.map((f) => f.file_type).sort()).toEqual([
            "M4A",
            "MP4",
            "TRANSCRIPT",
          ]);
          expect(object.total_size).toBe(
            object.recording_files?.reduce((sum, f) => sum + (f.file_size ?? 0), 0),
          );
          break;
        }
        case "meeting.registration_created":
        case "webinar.registration_created":
          expect(event.payload.operator).toBeUndefined();
          expect(event.payload.object.registrant.status).toBe("pending");
          expect(event.payload.object.registrant.join_url).toMatch(/tk=/);
          break;
        case "meeting.registration_approved":
        case "webinar.registration_approved":
          expect(event.payload.operator).toBe(HOST);
          expect(event.payload.object.registrant).toMatchObject({ email: ada.email, last_name: "Lovelace" });
          break;
        case "meeting.registration_cancelled":
        case "webinar.registration_cancelled":
          expect(event.payload.object.registrant.email).toBe(ada.email);
          break;
        case "meeting.registration_denied":
        case "webinar.registration_denied":
          expect(event.payload.object.registrant.email).toBe(bob.email);
          break;
      }
    }
    expect([...instances]).toEqual([expect.any(String)]);
    expect([...seen].sort()).toEqual([
      "meeting.created",
      "meeting.ended",
      "meeting.registration_approved",
      "meeting.registration_cancelled",
      "meeting.registration_created",
      "meeting.registration_denied",
      "meeting.started",
      "meeting.updated",
      "recording.completed",
      "webinar.created",
      "webinar.ended",
      "webinar.registration_approved",
      "webinar.registration_cancelled",
      "webinar.registration_created",
      "webinar.registration_denied",
      "webinar.started",
      "webinar.updated",
    ]);
  });

  it("does not recognise an event zoomkit does not describe", () => {
    expect(isZoomEvent({ event: "meeting.sharing_started", event_ts: 1, payload: {} })).toBe(false);
    expect(isZoomEvent({ event: "recording.completed", event_ts: 1, payload: {} })).toBe(true);
  });
});
