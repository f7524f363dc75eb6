/**
 * The API's input, validated with zod, and its translation to Zoom's create-meeting body. This API
 * speaks camelCase and ISO-8601 with offsets; Zoom's body is snake_case with UTC times.
 */
import { z } from "zod";

const settingsSchema = z.strictObject({
  hostVideo: z.boolean().optional(),
  participantVideo: z.boolean().optional(),
  joinBeforeHost: z.boolean().optional(),
  muteUponEntry: z.boolean().optional(),
  waitingRoom: z.boolean().optional(),
  autoRecording: z.enum(["local", "cloud", "none"]).optional(),
});

/** A Zoom user id: letters, digits, `-` and `_` (Zoom's are 22 characters of base64url). */
const ZOOM_USER_ID = /^[A-Za-z0-9_-]{1,64}$/;
const emailSchema = z.email();

/**
 * The host fills the `{userId}` path segment, so only an e-mail address or a Zoom user id is taken:
 * `..` or `.` would otherwise move the request to another endpoint (core refuses those too).
 */
const hostSchema = z
  .string()
  .trim()
  .min(1, "host is required (a Zoom user id or email)")
  .max(128)
  .refine(
    (host) => ZOOM_USER_ID.test(host) || emailSchema.safeParse(host).success,
    "host must be an e-mail address or a Zoom user id (letters, digits, - and _)",
  );

/** Body of `POST /meetings`. Unknown fields are rejected so a typo never passes silently. */
export const createMeetingSchema = z.strictObject({
  /** The host: a Zoom user id or email on the account. */
  host: hostSchema,
  topic: z.string().trim().min(1, "topic must not be empty").max(200),
  /** Start time with an offset, e.g. `2030-01-01T09:00:00Z`; omitted: an instant meeting. */
  startTime: z.iso
    .datetime({ offset: true, message: "must be an ISO-8601 date-time with an offset" })
    .optional(),
  /** Minutes. */
  duration: z.number().int().min(1).max(1440).default(30),
  timezone: z.string().trim().min(1).max(64).optional(),
  agenda: z.string().max(2000).optional(),
  settings: settingsSchema.optional(),
});

export type CreateMeetingInput = z.infer<typeof createMeetingSchema>;

/** A meeting id in a path: digits only, within the integers JavaScript holds exactly. */
export const meetingIdSchema = z
  .string()
  .regex(/^\d{1,16}$/, "meeting id must be a positive integer")
  .refine((id) => Number.isSafeInteger(Number(id)) && Number(id) > 0, "meeting id is out of range");

/** Zoom's create-meeting body for the fields this API sets. */
export interface ZoomMeetingCreateBody {
  topic: string;
  type: 1 | 2;
  start_time?: string;
  duration: number;
  timezone?: string;
  agenda?: string;
  settings?: {
    host_video?: boolean;
    participant_video?: boolean;
    join_before_host?: boolean;
    mute_upon_entry?: boolean;
    waiting_room?: boolean;
    auto_recording?: "local" | "cloud" | "none";
  };
}

/** Zoom wants `yyyy-MM-ddTHH:mm:ssZ` in UTC: no fractions, no offsets. */
const toZoomUtc = (iso: string): string => new Date(iso).toISOString().replace(/\.\d{3}Z$/, "Z");

const dropUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/** Translates validated input to Zoom's body: a start time makes it scheduled (type 2), else instant. */
export function toZoomCreateBody(input: CreateMeetingInput): ZoomMeetingCreateBody {
  const settings = input.settings
    ? dropUndefined({
        host_video: input.settings.hostVideo,
        participant_video: input.settings.participantVideo,
        join_before_host: input.settings.joinBeforeHost,
        mute_upon_entry: input.settings.muteUponEntry,
        waiting_room: input.settings.waitingRoom,
        auto_recording: input.settings.autoRecording,
      })
    : undefined;
  return dropUndefined({
    topic: input.topic,
    type: input.startTime ? 2 : 1,
    start_time: input.startTime ? toZoomUtc(input.startTime) : undefined,
    duration: input.duration,
    timezone: input.timezone,
    agenda: input.agenda,
    settings,
  });
}

/** What a meeting looks like to this API's callers. `start_url` and passwords are never passed on. */
export interface MeetingView {
  id: string;
  uuid: string | undefined;
  hostId: string | undefined;
  topic: string | undefined;
  type: number | undefined;
  status: string | undefined;
  startTime: string | undefined;
  duration: number | undefined;
  timezone: string | undefined;
  agenda: string | undefined;
  joinUrl: string | undefined;
  createdAt: string | undefined;
}

/** The fields of Zoom's meeting object this API reads. */
interface ZoomMeetingFields {
  id?: number;
  uuid?: string;
  host_id?: string;
  topic?: string;
  type?: number;
  status?: string;
  start_time?: string;
  duration?: number;
  timezone?: string;
  agenda?: string;
  join_url?: string;
  created_at?: string;
}

/** Projects Zoom's meeting onto the API's view. Ids become strings: they can exceed 10 digits. */
export function toMeetingView(meeting: ZoomMeetingFields): MeetingView {
  return {
    id: String(meeting.id),
    uuid: meeting.uuid,
    hostId: meeting.host_id,
    topic: meeting.topic,
    type: meeting.type,
    status: meeting.status,
    startTime: meeting.start_time,
    duration: meeting.duration,
    timezone: meeting.timezone,
    agenda: meeting.agenda,
    joinUrl: meeting.join_url,
    createdAt: meeting.created_at,
  };
}

/** Formats zod issues as `field: problem` lines for a 400 answer. */
export function describeIssues(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join(".") : "(body)",
    message: issue.message,
  }));
}
