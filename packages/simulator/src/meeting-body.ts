/**
 * Response bodies for meetings and past meetings, in Zoom's field names and formats (times as
 * `YYYY-MM-DDTHH:mm:ssZ`, ids as integers, `start_url` carrying a host key).
 */
import type { MeetingRecord, Participant, PastInstance } from "./state/meetings.js";
import { zoomTime } from "./time.js";

export { zoomTime };

function joinUrl(m: MeetingRecord, url: string): string {
  return `${url}/j/${m.id}?pwd=${Buffer.from(m.password).toString("base64url")}`;
}

/** Body of create (201) and get (200). */
export function meetingBody(m: MeetingRecord, url: string): Record<string, unknown> {
  return {
    uuid: m.uuid,
    id: m.id,
    host_id: m.host.id,
    host_email: m.host.email,
    topic: m.topic,
    type: m.type,
    status: m.status,
    ...(m.startTime === undefined ? {} : { start_time: zoomTime(m.startTime) }),
    duration: m.duration,
    timezone: m.timezone,
    ...(m.agenda ? { agenda: m.agenda } : {}),
    created_at: zoomTime(m.createdAt),
    start_url: `${url}/s/${m.id}?zak=${m.startKey}`,
    join_url: joinUrl(m, url),
    password: m.password,
    h323_password: digitsOf(m.password),
    pstn_password: digitsOf(m.password),
    encrypted_password: Buffer.from(m.password).toString("base64url"),
    pre_schedule: false,
    ...m.extra,
    settings: m.settings,
  };
}

/** An item of `GET /users/{userId}/meetings`. */
export function meetingListItem(m: MeetingRecord, url: string): Record<string, unknown> {
  return {
    uuid: m.uuid,
    id: m.id,
    host_id: m.host.id,
    topic: m.topic,
    type: m.type,
    ...(m.startTime === undefined ? {} : { start_time: zoomTime(m.startTime) }),
    duration: m.duration,
    timezone: m.timezone,
    ...(m.agenda ? { agenda: m.agenda } : {}),
    created_at: zoomTime(m.createdAt),
    join_url: joinUrl(m, url),
  };
}

/** Body of `GET /past_meetings/{meetingId}`. */
export function pastMeetingBody(p: PastInstance): Record<string, unknown> {
  const minutes = Math.max(0, Math.round((p.end - p.start) / 60_000));
  const host = p.meeting.host;
  return {
    id: p.meeting.id,
    uuid: p.uuid,
    host_id: host.id,
    type: p.meeting.type,
    topic: p.meeting.topic,
    user_name: `${host.firstName} ${host.lastName}`.trim() || host.email,
    user_email: host.email,
    start_time: zoomTime(p.start),
    end_time: zoomTime(p.end),
    duration: minutes,
    total_minutes: p.participants.reduce((sum, x) => sum + x.duration, 0),
    participants_count: p.participants.length,
    dept: "",
    source: "Zoom",
  };
}

/** An item of `GET /past_meetings/{meetingId}/participants`. */
export function participantItem(p: Participant): Record<string, unknown> {
  return { id: p.id, name: p.name, user_email: p.user_email };
}

function digitsOf(password: string): string {
  const digits = [...password].map((ch) => String(ch.charCodeAt(0) % 10)).join("");
  return digits.padEnd(6, "0").slice(0, 10);
}

/** An item of `GET /past_meetings/{meetingId}/instances` and `GET /past_webinars/{webinarId}/instances`. */
export function pastInstanceItem(p: { uuid: string; start: number }): Record<string, unknown> {
  return { uuid: p.uuid, start_time: zoomTime(p.start) };
}
