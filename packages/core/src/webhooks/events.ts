/**
 * The webhook events a service running meetings and webinars receives, as a discriminated union on
 * `event`: checking `event.event` narrows `payload`. Written by us from Zoom's public event reference;
 * only the fields such a service uses are described (Zoom sends more, which stays in the JSON). Fields
 * Zoom does not always send are optional. `isZoomEvent` tells these apart from events zoomkit does not
 * describe; the signature (`verifyZoomWebhook`) is what proves an event came from Zoom, not its shape.
 */
import type { ZoomWebhookEvent } from "./verify.js";

/**
 * A meeting or webinar id. Zoom's examples carry a number for most events, but some deliveries carry
 * the same id as a string: compare and store `String(id)`.
 */
export type ZoomEventId = number | string;

/** The meeting (or webinar) an event is about. */
export interface ZoomEventMeeting {
  id: ZoomEventId;
  /** The instance: every occurrence and every start of a meeting has its own. */
  uuid?: string;
  host_id?: string;
  topic?: string;
  /** Meetings: 1 instant, 2 scheduled, 3 recurring without a fixed time, 8 recurring with one. Webinars: 5, 6, 9. */
  type?: number;
  /** ISO 8601, UTC. */
  start_time?: string;
  /** Minutes. */
  duration?: number;
  timezone?: string;
  join_url?: string;
  /** The occurrences an event on a recurring meeting concerns. */
  occurrences?: { occurrence_id: string; start_time?: string; duration?: number; status?: string }[];
}

/** Who did it, on the events a user's action causes. */
interface Operated {
  account_id: string;
  /** The e-mail address of the user (or app) that acted. */
  operator?: string;
  operator_id?: string;
  /** On a recurring meeting: one occurrence or the whole series. */
  operation?: "all" | "single";
}

/** `*.created`: the new meeting or webinar. */
export interface ZoomCreatedPayload extends Operated {
  object: ZoomEventMeeting;
}

/** `*.updated`: the fields that changed, before and after. */
export interface ZoomUpdatedPayload extends Operated {
  /** Epoch ms of the change. */
  time_stamp?: number;
  object: Partial<ZoomEventMeeting> & { id: ZoomEventId };
  old_object?: Partial<ZoomEventMeeting> & { id: ZoomEventId };
}

/** `*.deleted`: what was deleted (or, with `occurrences`, which occurrences). */
export interface ZoomDeletedPayload extends Operated {
  object: ZoomEventMeeting;
}

/** `*.started`, `*.ended`: an instance began or finished. */
export interface ZoomSessionPayload {
  account_id: string;
  object: ZoomEventMeeting & {
    /** `*.ended`: ISO 8601, UTC. */
    end_time?: string;
  };
}

/** One person who registered. */
export interface ZoomEventRegistrant {
  id: string;
  email: string;
  first_name?: string;
  last_name?: string;
  status?: "approved" | "pending" | "denied";
  /** The registrant's own join link (approved registrants). */
  join_url?: string;
}

/** Registration events: the meeting or webinar, with the registrant. */
export interface ZoomRegistrationPayload extends Operated {
  object: ZoomEventMeeting & { registrant: ZoomEventRegistrant };
}

/** One file of a completed cloud recording. */
export interface ZoomEventRecordingFile {
  id?: string;
  meeting_id?: string;
  recording_start?: string;
  recording_end?: string;
  file_type?: string;
  file_extension?: string;
  /** Bytes. */
  file_size?: number;
  play_url?: string;
  /** Fetch with the event's `download_token` (or an OAuth token) as a bearer token. */
  download_url?: string;
  status?: string;
  recording_type?: string;
}

/** `recording.completed`: every file of a recorded meeting is ready. */
export interface ZoomRecordingCompletedPayload {
  account_id: string;
  object: ZoomEventMeeting & {
    host_email?: string;
    /** Bytes, all files together. */
    total_size?: number;
    recording_count?: number;
    share_url?: string;
    password?: string;
    recording_files?: ZoomEventRecordingFile[];
  };
}

/** `endpoint.url_validation`: answer with `answerUrlValidation`. */
export interface ZoomUrlValidationPayload {
  plainToken: string;
}

/** One event: its name, Zoom's time (epoch ms) and its payload. */
interface Event<Name extends string, Payload> {
  event: Name;
  event_ts: number;
  payload: Payload;
}

/** Each event name zoomkit describes, and its payload. */
export interface ZoomEventPayloads {
  "meeting.created": ZoomCreatedPayload;
  "meeting.updated": ZoomUpdatedPayload;
  "meeting.deleted": ZoomDeletedPayload;
  "meeting.started": ZoomSessionPayload;
  "meeting.ended": ZoomSessionPayload;
  "meeting.registration_created": ZoomRegistrationPayload;
  "meeting.registration_approved": ZoomRegistrationPayload;
  "meeting.registration_cancelled": ZoomRegistrationPayload;
  "meeting.registration_denied": ZoomRegistrationPayload;
  "webinar.created": ZoomCreatedPayload;
  "webinar.updated": ZoomUpdatedPayload;
  "webinar.deleted": ZoomDeletedPayload;
  "webinar.started": ZoomSessionPayload;
  "webinar.ended": ZoomSessionPayload;
  "webinar.registration_created": ZoomRegistrationPayload;
  "webinar.registration_approved": ZoomRegistrationPayload;
  "webinar.registration_cancelled": ZoomRegistrationPayload;
  "webinar.registration_denied": ZoomRegistrationPayload;
  "recording.completed": ZoomRecordingCompletedPayload;
  "endpoint.url_validation": ZoomUrlValidationPayload;
}

/** The name of an event zoomkit describes. */
export type ZoomEventName = keyof ZoomEventPayloads;

/** The event named `Name`. `recording.completed` also carries a `download_token` for its files. */
export type ZoomEventOf<Name extends ZoomEventName> = Name extends "recording.completed"
  ? Event<Name, ZoomEventPayloads[Name]> & {
      /** A bearer token for the `download_url`s (valid about 24 h); present when the app asked for it. */
      download_token?: string;
    }
  : Event<Name, ZoomEventPayloads[Name]>;

/** Every event zoomkit describes: `event.event` narrows `event.payload`. */
export type ZoomEvent = { [Name in ZoomEventName]: ZoomEventOf<Name> }[ZoomEventName];

/** The names of the events zoomkit describes. */
export const ZOOM_EVENT_NAMES: readonly ZoomEventName[] = Object.freeze([
  "meeting.created",
  "meeting.updated",
  "meeting.deleted",
  "meeting.started",
  "meeting.ended",
  "meeting.registration_created",
  "meeting.registration_approved",
  "meeting.registration_cancelled",
  "meeting.registration_denied",
  "webinar.created",
  "webinar.updated",
  "webinar.deleted",
  "webinar.started",
  "webinar.ended",
  "webinar.registration_created",
  "webinar.registration_approved",
  "webinar.registration_cancelled",
  "webinar.registration_denied",
  "recording.completed",
  "endpoint.url_validation",
] satisfies ZoomEventName[]);

const names: ReadonlySet<string> = new Set(ZOOM_EVENT_NAMES);

/**
 * Whether a verified event is one zoomkit describes; then `event.event` narrows its payload. Only the
 * name is checked: fields marked required are the ones Zoom documents as always sent.
 *
 * @example
 * const event = verifyZoomWebhook({ secretToken, rawBody, headers });
 * if (isZoomEvent(event) && event.event === "meeting.ended") console.log(event.payload.object.end_time);
 */
export function isZoomEvent(event: ZoomWebhookEvent<unknown>): event is ZoomEvent {
  return names.has(event.event);
}
