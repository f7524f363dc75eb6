/**
 * What `@zoomkit/core/webhooks`' types promise of each event the simulator sends, checked at run time on
 * received events: `broken(event)` lists each broken promise, `described(events)` asserts none.
 */
import { expect } from "vitest";
import { isZoomEvent, type ZoomEvent, type ZoomWebhookEvent } from "../../src/webhooks/index.js";

/** What the types promise for each event the simulator sends; a message per broken promise. */
export function broken(event: ZoomEvent): string[] {
  const problems: string[] = [];
  const expectType = (what: string, value: unknown, types: string[]) => {
    if (!types.includes(typeof value)) problems.push(`${event.event}: ${what} is ${typeof value}`);
  };
  const meeting = (object: {
    id: unknown;
    uuid?: unknown;
    topic?: unknown;
    type?: unknown;
    duration?: unknown;
  }) => {
    expectType("object.id", object.id, ["number", "string"]);
    expectType("object.uuid", object.uuid, ["string", "undefined"]);
    expectType("object.topic", object.topic, ["string", "undefined"]);
    expectType("object.type", object.type, ["number", "undefined"]);
    expectType("object.duration", object.duration, ["number", "undefined"]);
  };
  expectType("event_ts", event.event_ts, ["number"]);
  if (event.event !== "endpoint.url_validation") {
    expectType("payload.account_id", event.payload.account_id, ["string"]);
    meeting(event.payload.object);
  }
  switch (event.event) {
    case "endpoint.url_validation":
      expectType("payload.plainToken", event.payload.plainToken, ["string"]);
      break;
    case "meeting.created":
    case "webinar.created":
      expectType("object.join_url", event.payload.object.join_url, ["string"]);
      expectType("payload.operator", event.payload.operator, ["string", "undefined"]);
      break;
    case "meeting.updated":
    case "webinar.updated":
      expectType("payload.operator", event.payload.operator, ["string", "undefined"]);
      expectType("payload.time_stamp", event.payload.time_stamp, ["number", "undefined"]);
      if (event.payload.old_object) meeting(event.payload.old_object);
      break;
    case "meeting.deleted":
    case "webinar.deleted":
      expectType("payload.operator", event.payload.operator, ["string", "undefined"]);
      break;
    case "meeting.started":
    case "webinar.started":
    case "meeting.ended":
    case "webinar.ended":
      expectType("object.start_time", event.payload.object.start_time, ["string", "undefined"]);
      expectType("object.end_time", event.payload.object.end_time, ["string", "undefined"]);
      break;
    case "meeting.registration_created":
    case "meeting.registration_approved":
    case "meeting.registration_cancelled":
    case "meeting.registration_denied":
    case "webinar.registration_created":
    case "webinar.registration_approved":
    case "webinar.registration_cancelled":
    case "webinar.registration_denied": {
      const { registrant } = event.payload.object;
      expectType("registrant.id", registrant.id, ["string"]);
      expectType("registrant.email", registrant.email, ["string"]);
      expectType("registrant.first_name", registrant.first_name, ["string", "undefined"]);
      expectType("registrant.join_url", registrant.join_url, ["string", "undefined"]);
      if (registrant.status !== undefined && !["approved", "pending", "denied"].includes(registrant.status))
        problems.push(`${event.event}: registrant.status is ${registrant.status}`);
      break;
    }
    case "recording.completed": {
      const { object } = event.payload;
      expectType("download_token", event.download_token, ["string", "undefined"]);
      expectType("object.host_email", object.host_email, ["string", "undefined"]);
      expectType("object.total_size", object.total_size, ["number", "undefined"]);
      expectType("object.recording_count", object.recording_count, ["number", "undefined"]);
      for (const file of object.recording_files ?? []) {
        expectType("file.id", file.id, ["string", "undefined"]);
        expectType("file.file_size", file.file_size, ["number", "undefined"]);
        expectType("file.download_url", file.download_url, ["string", "undefined"]);
        expectType("file.recording_start", file.recording_start, ["string", "undefined"]);
      }
      break;
    }
    default: {
      // Every event the union describes has a case (the simulator sends each one): a new one fails to compile.
      const unhandled: never = event;
      problems.push(`no promises written for ${JSON.stringify(unhandled)}`);
    }
  }
  return problems;
}

/** The described events received, each checked against `broken`. */
export function described(events: ZoomWebhookEvent[]): ZoomEvent[] {
  const out: ZoomEvent[] = [];
  for (const event of events) {
    expect(isZoomEvent(event), event.event).toBe(true);
    if (isZoomEvent(event)) {
      expect(broken(event)).toEqual([]);
      out.push(event);
    }
  }
  return out;
}
