// Compile-time tests of the typed webhook events, checked by `pnpm typecheck` (never run): checking
// `event.event` narrows the payload. Every `@ts-expect-error` must be needed.
import { expectTypeOf } from "vitest";
import {
  isZoomEvent,
  verifyZoomWebhook,
  type ZoomEvent,
  type ZoomEventId,
  type ZoomEventOf,
} from "../../src/webhooks/index.js";

export function narrowing(event: ZoomEvent): void {
  switch (event.event) {
    case "meeting.created":
      expectTypeOf(event.payload.object.id).toEqualTypeOf<ZoomEventId>();
      expectTypeOf(event.payload.object.join_url).toEqualTypeOf<string | undefined>();
      expectTypeOf(event.payload.operator).toEqualTypeOf<string | undefined>();
      break;
    case "meeting.updated":
      expectTypeOf(event.payload.old_object?.topic).toEqualTypeOf<string | undefined>();
      break;
    case "meeting.ended":
    case "webinar.ended":
      expectTypeOf(event.payload.object.end_time).toEqualTypeOf<string | undefined>();
      break;
    case "meeting.registration_created":
    case "webinar.registration_approved":
      expectTypeOf(event.payload.object.registrant.email).toEqualTypeOf<string>();
      break;
    case "recording.completed":
      expectTypeOf(event.download_token).toEqualTypeOf<string | undefined>();
      expectTypeOf(event.payload.object.recording_files?.[0]?.download_url).toEqualTypeOf<
        string | undefined
      >();
      break;
    case "endpoint.url_validation":
      expectTypeOf(event.payload.plainToken).toEqualTypeOf<string>();
      // @ts-expect-error a validation challenge has no meeting
      event.payload.object;
      break;
    default:
      expectTypeOf(event.event).toEqualTypeOf<
        | "meeting.deleted"
        | "meeting.started"
        | "meeting.registration_approved"
        | "meeting.registration_cancelled"
        | "meeting.registration_denied"
        | "webinar.created"
        | "webinar.updated"
        | "webinar.deleted"
        | "webinar.started"
        | "webinar.registration_created"
        | "webinar.registration_cancelled"
        | "webinar.registration_denied"
      >();
  }
}

export function fromVerify(rawBody: string, headers: Headers): void {
  const event = verifyZoomWebhook({ secretToken: "s", rawBody, headers });
  // @ts-expect-error before isZoomEvent the payload is untyped
  event.payload.object.id;
  if (isZoomEvent(event) && event.event === "meeting.started") {
    expectTypeOf(event.payload.object.start_time).toEqualTypeOf<string | undefined>();
    // @ts-expect-error a started meeting carries no registrant
    event.payload.object.registrant;
  }
}

export function rejected(event: ZoomEvent): void {
  // @ts-expect-error not an event zoomkit describes
  if (event.event === "meeting.exploded") return;
  if (event.event === "meeting.deleted") {
    // @ts-expect-error a deleted meeting has no old_object (that is meeting.updated)
    event.payload.old_object;
  }
  const bad: ZoomEventOf<"meeting.created"> = {
    event: "meeting.created",
    event_ts: 1,
    // @ts-expect-error a payload needs its object
    payload: { account_id: "a" },
  };
  void bad;
}
