/**
 * Report rows (Zoom's Reports API), built from held meeting and webinar instances: the event's details and
 * one row per participant, who joined at the start and stayed for their `duration` minutes. Report
 * durations are in seconds for participants and minutes for events, as Zoom writes them.
 */
import type { Participant } from "./state/meetings.js";
import type { UserRecord } from "./state/users.js";
import { zoomTime } from "./time.js";

/** A held meeting or webinar instance, as reports see it. */
export interface ReportedInstance {
  uuid: string;
  id: number;
  type: number;
  topic: string;
  host: UserRecord;
  start: number;
  end: number;
  participants: Participant[];
  recorded: boolean;
}

export function reportDetails(i: ReportedInstance): Record<string, unknown> {
  return {
    uuid: i.uuid,
    id: i.id,
    type: i.type,
    topic: i.topic,
    user_name: `${i.host.firstName} ${i.host.lastName}`.trim() || i.host.email,
    user_email: i.host.email,
    start_time: zoomTime(i.start),
    end_time: zoomTime(i.end),
    duration: Math.max(0, Math.round((i.end - i.start) / 60_000)),
    total_minutes: i.participants.reduce((sum, p) => sum + p.duration, 0),
    participants_count: i.participants.length,
    dept: "",
    tracking_fields: [],
    custom_keys: [],
  };
}

/** A row of `GET /report/users/{userId}/meetings`. */
export function reportMeetingRow(i: ReportedInstance): Record<string, unknown> {
  const { dept: _, tracking_fields: __, custom_keys: ___, ...details } = reportDetails(i);
  return { ...details, source: "Zoom", has_recording: i.recorded, has_screen_share: false, has_chat: false };
}

export function reportParticipantRow(
  p: Participant,
  i: ReportedInstance,
  registrantId: string | undefined,
): Record<string, unknown> {
  const leave = Math.min(i.end, i.start + p.duration * 60_000);
  return {
    id: p.id,
    user_id: p.id,
    name: p.name,
    user_email: p.user_email,
    join_time: zoomTime(i.start),
    leave_time: zoomTime(leave),
    duration: Math.round((leave - i.start) / 1000),
    status: "in_meeting",
    failover: false,
    ...(registrantId === undefined ? {} : { registrant_id: registrantId }),
  };
}
