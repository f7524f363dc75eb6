/**
 * The simulator's webhook deliveries, received over real HTTP, verified, and recognised as typed
 * events: the fields the types mark as always sent are there with their types, so `event.event`
 * narrowing is honest about what arrives. (The other events the types describe are not sent by the
 * simulator yet; test/types/webhook-events.ts checks their narrowing at compile time.)
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DEFAULT_APP, DEFAULT_USERS, startZoomSimulator, type ZoomSimulator } from "@zoomkit/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { createZoomClient } from "../../src/index.js";
import {
  answerUrlValidation,
  isZoomEvent,
  verifyZoomWebhook,
  type ZoomEvent,
  type ZoomWebhookEvent,
} from "../../src/webhooks/index.js";

const SECRET = "typed-events-secret";
let sim: ZoomSimulator | undefined;
let receiver: Server | undefined;

afterEach(async () => {
  await sim?.close();
  await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve(undefined)));
  sim = undefined;
  receiver = undefined;
});

/** A webhook endpoint that verifies every delivery and answers URL validation. */
async function endpoint(): Promise<{ url: string; events: ZoomWebhookEvent[] }> {
  const events: ZoomWebhookEvent[] = [];
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === "string") headers.set(name, value);
      const event = verifyZoomWebhook({
        secretToken: SECRET,
        rawBody: new Uint8Array(Buffer.concat(chunks)),
        headers,
      });
      events.push(event);
      const answer =
        event.event === "endpoint.url_validation" ? answerUrlValidation(event, SECRET) : { ok: true };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => receiver!.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/zoom`, events };
}

/** What the types promise for each event the simulator sends; a message per broken promise. */
function broken(event: ZoomEvent): string[] {
  const problems: string[] = [];
  const expectType = (what: string, value: unknown, types: string[]) => {
    if (!types.includes(typeof value)) problems.push(`${event.event}: ${what} is ${typeof value}`);
  };
  expectType("event_ts", event.event_ts, ["number"]);
  switch (event.event) {
    case "endpoint.url_validation":
      expectType("payload.plainToken", event.payload.plainToken, ["string"]);
      break;
    case "meeting.created":
    case "meeting.deleted":
    case "webinar.created":
    case "webinar.deleted": {
      expectType("payload.account_id", event.payload.account_id, ["string"]);
      expectType("payload.operator", event.payload.operator, ["string", "undefined"]);
      const { object } = event.payload;
      expectType("object.id", object.id, ["number", "string"]);
      expectType("object.uuid", object.uuid, ["string", "undefined"]);
      expectType("object.topic", object.topic, ["string", "undefined"]);
      expectType("object.type", object.type, ["number", "undefined"]);
      expectType("object.duration", object.duration, ["number", "undefined"]);
      if (event.event.endsWith(".created")) expectType("object.join_url", object.join_url, ["string"]);
      break;
    }
    default:
      problems.push(`${event.event}: not expected from the simulator in this test`);
  }
  return problems;
}

describe("the simulator's webhook events against the typed union", () => {
  it("sends the meeting and webinar created/deleted events and url_validation as the types describe them", async () => {
    const hook = await endpoint();
    sim = await startZoomSimulator({ webhook: { url: hook.url, secretToken: SECRET } });
    const zoom = createZoomClient({
      accountId: DEFAULT_APP.accountId,
      clientId: DEFAULT_APP.clientId,
      clientSecret: DEFAULT_APP.clientSecret,
      oauthUrl: sim.oauthUrl,
      baseUrl: sim.baseUrl,
    });
    const { data } = await zoom.POST("/users/{userId}/meetings", {
      params: { path: { userId: DEFAULT_USERS[0]!.email } },
      body: { topic: "Typed", type: 2, start_time: "2030-01-01T10:00:00Z", duration: 30 },
    });
    await zoom.DELETE("/meetings/{meetingId}", { params: { path: { meetingId: data!.id! } } });
    const webinar = await zoom.POST("/users/{userId}/webinars", {
      params: { path: { userId: DEFAULT_USERS[0]!.email } },
      body: { topic: "Typed webinar", type: 5, start_time: "2030-01-02T10:00:00Z", duration: 60 },
    });
    await zoom.DELETE("/webinars/{webinarId}", { params: { path: { webinarId: webinar.data!.id! } } });
    expect((await sim.control.sendUrlValidation()).ok).toBe(true);
    await sim.control.webhooksIdle();
    await zoom.close();

    expect(hook.events.map((e) => e.event)).toEqual([
      "meeting.created",
      "meeting.deleted",
      "webinar.created",
      "webinar.deleted",
      "endpoint.url_validation",
    ]);
    for (const event of hook.events) {
      expect(isZoomEvent(event), event.event).toBe(true);
      if (isZoomEvent(event)) expect(broken(event)).toEqual([]);
    }
    const created = hook.events[0];
    if (created && isZoomEvent(created) && created.event === "meeting.created") {
      expect(String(created.payload.object.id)).toBe(String(data!.id));
      expect(created.payload.object.topic).toBe("Typed");
    } else expect.fail("the first event is meeting.created");
  });

  it("does not recognise an event zoomkit does not describe", () => {
    expect(isZoomEvent({ event: "meeting.sharing_started", event_ts: 1, payload: {} })).toBe(false);
    expect(isZoomEvent({ event: "recording.completed", event_ts: 1, payload: {} })).toBe(true);
  });
});
