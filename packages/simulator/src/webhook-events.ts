/**
 * The `payload` of each webhook event the simulator sends, in the field names and formats of Zoom's event
 * reference (the shapes `@zoomkit/core/webhooks`' `ZoomEvent` describes; core's tests check them). Meetings
 * and webinars share them: Zoom's webinar events carry the same fields as the meeting ones.
 */

import { isDeepStrictEqual } from "node:util";
import type { PastInstance } from "./state/meetings.js";
import { type RecordingRecord, recordingBody } from "./state/recordings.js";
import { type RegistrantRecord, registrantBody } from "./state/registrants.js";
import type { UserRecord } from "./state/users.js";
import type { PastWebinar } from "./state/webinars.js";
import { zoomTime } from "./time.js";

/** What every event names of a meeting or a webinar (both records have these fields). */
export interface EventSubject {
  id: number;
  uuid: string;
  accountId: string;
  host: UserRecord;
  topic: string;
  type: number;
  /** Epoch ms; absent for recurring events without a fixed time. */
  startTime: number | undefined;
  duration: number;
  timezone: string;
}

/** An event's `payload`: the account, what it is about, and on user actions who acted. */
export interface EventPayload {
  account_id: string;
  object: Record<string, unknown>;
  [field: string]: unknown;
}

/** Who acted, on the events a user's action causes (the host: an S2S app acts as the account's users). */
export function operatedBy(user: UserRecord): { operator: string; operator_id: string } {
  return { operator: user.email, operator_id: user.id };
}

/** The meeting or webinar as `*.created`'s neighbours (`*.deleted`, registration events) name it. */
export function subjectObject(s: EventSubject): Record<string, unknown> {
  return {
    uuid: s.uuid,
    id: s.id,
    host_id: s.host.id,
    topic: s.topic,
    type: s.type,
    ...(s.startTime === undefined ? {} : { start_time: zoomTime(s.startTime) }),
    duration: s.duration,
    timezone: s.timezone,
  };
}

/** The fields a `PATCH` may change, as `*.updated` names them (see `updatedPayload`). */
export function editableFields(
  s: EventSubject & { agenda: string; password: string; settings: Record<string, unknown> },
): Record<string, unknown> {
  const { uuid: _, id: __, host_id: ___, ...scheduling } = subjectObject(s);
  return { ...scheduling, agenda: s.agenda, password: s.password, settings: { ...s.settings } };
}

/**
 * `*.updated`: the fields that changed (settings: the changed settings), after in `object` and before in
 * `old_object`, both with the id and uuid; `undefined` when nothing changed. `before` is `editableFields`
 * taken before the change.
 */
export function updatedPayload(
  s: EventSubject & { agenda: string; password: string; settings: Record<string, unknown> },
  before: Record<string, unknown>,
  timeStamp: number,
): EventPayload | undefined {
  type Fields = Record<string, unknown>;
  const { settings: settingsBefore, ...rest } = before;
  const { settings: settingsAfter, ...restAfter } = editableFields(s);
  const [object, old] = changes(rest, restAfter);
  const [settings, oldSettings] = changes(settingsBefore as Fields, settingsAfter as Fields);
  if (Object.keys(settings).length > 0) {
    object.settings = settings;
    old.settings = oldSettings;
  }
  if (Object.keys(object).length === 0) return undefined;
  const ids = { id: s.id, uuid: s.uuid };
  return {
    account_id: s.accountId,
    ...operatedBy(s.host),
    object: { ...ids, ...object },
    old_object: { ...ids, ...old },
    time_stamp: timeStamp,
  };
}

/** The keys whose values differ, with their values after and before. */
function changes(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): [Record<string, unknown>, Record<string, unknown>] {
  const now: Record<string, unknown> = {};
  const then: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (isDeepStrictEqual(before[key], after[key])) continue;
    now[key] = after[key];
    then[key] = before[key];
  }
  return [now, then];
}

/** `*.deleted`: the host deleted it. */
export function deletedPayload(s: EventSubject): EventPayload {
  return { account_id: s.accountId, ...operatedBy(s.host), object: subjectObject(s) };
}

/**
 * `*.started` and `*.ended`: the instance (its uuid, its actual start). Zoom's examples for these two
 * events carry the id as a string, unlike the scheduling events, so the simulator does too.
 */
function sessionPayload(s: EventSubject, uuid: string, start: number, end?: number): EventPayload {
  return {
    account_id: s.accountId,
    object: {
      ...subjectObject(s),
      uuid,
      id: String(s.id),
      start_time: zoomTime(start),
      ...(end === undefined ? {} : { end_time: zoomTime(end) }),
    },
  };
}

/** `*.started` for a meeting or webinar its host just started (its live instance). */
export function startedPayload(
  s: EventSubject & { liveUuid: string | undefined; startedAt: number | undefined },
): EventPayload {
  if (s.startedAt === undefined) throw new Error(`${s.id} has not started`);
  return sessionPayload(s, s.liveUuid ?? s.uuid, s.startedAt);
}

/** `*.ended` for a held meeting or webinar instance. */
export function endedPayload(instance: PastInstance | PastWebinar): EventPayload {
  const subject = "meeting" in instance ? instance.meeting : instance.webinar;
  return sessionPayload(subject, instance.uuid, instance.start, instance.end);
}

/**
 * `*.registration_created` (no operator: the registrant acted; the registrant as the registrants API
 * answers it, less `create_time`) and `*.registration_approved`, `_denied`, `_cancelled` (the host acted;
 * these name the registrant without its answers, approved ones with their join link).
 */
export function registrationPayload(
  s: EventSubject,
  r: RegistrantRecord,
  eventJoinUrl: string,
  operator?: UserRecord,
): EventPayload {
  const { create_time: _, ...body } = registrantBody(r, eventJoinUrl);
  const registrant = operator
    ? {
        id: r.id,
        first_name: r.firstName,
        last_name: r.lastName,
        email: r.email,
        ...(r.status === "approved" ? { join_url: body.join_url } : {}),
      }
    : body;
  return {
    account_id: s.accountId,
    ...(operator ? operatedBy(operator) : {}),
    object: { ...subjectObject(s), registrant },
  };
}

/** `recording.completed`: the recording as the recordings API answers it, with the host's email and the passcode. */
export function recordingCompletedPayload(r: RecordingRecord, url: string): EventPayload {
  const { meeting } = r.instance;
  return {
    account_id: meeting.accountId,
    object: {
      ...recordingBody(r, false, url),
      timezone: meeting.timezone,
      host_email: meeting.host.email,
      password: r.settings.password,
    },
  };
}
