/**
 * Request body rules for create and update, after Zoom's own: unknown fields are ignored, known fields
 * must have the documented type, enum value and length; every problem is listed as `{ field, message }`
 * under code 300 "Validation Failed." (FACTS.md, "Errors and 401").
 */
import { z } from "zod";
import { fieldErrors } from "./body-check.js";
import type { FieldError } from "./http.js";
import type { MeetingInput } from "./state/meetings.js";

/** `2024-05-01T10:00:00Z`, with optional fraction and offset (an offset-less time is local to `timezone`). */
const dateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})?$/, "Invalid date-time.")
  .refine(
    (s) => !Number.isNaN(Date.parse(/(?:Z|[+-]\d{2}:\d{2})$/i.test(s) ? s : `${s}Z`)),
    "Invalid date-time.",
  );

const zones = new Set([...Intl.supportedValuesOf("timeZone"), "UTC", "GMT"]);
const timezone = z.string().refine((s) => zones.has(s), "Invalid timezone.");

const settings = z.looseObject({
  host_video: z.boolean().optional(),
  participant_video: z.boolean().optional(),
  join_before_host: z.boolean().optional(),
  jbh_time: z.union([z.literal(0), z.literal(5), z.literal(10)]).optional(),
  mute_upon_entry: z.boolean().optional(),
  watermark: z.boolean().optional(),
  use_pmi: z.boolean().optional(),
  approval_type: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
  registration_type: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
  audio: z.enum(["both", "telephony", "voip"]).optional(),
  auto_recording: z.enum(["local", "cloud", "none"]).optional(),
  waiting_room: z.boolean().optional(),
  meeting_authentication: z.boolean().optional(),
  email_notification: z.boolean().optional(),
  alternative_hosts: z.string().optional(),
  private_meeting: z.boolean().optional(),
});

const recurrence = z.looseObject({
  type: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  repeat_interval: z.number().int().min(1).optional(),
  end_times: z.number().int().min(1).max(60).optional(),
  end_date_time: dateTime.optional(),
  weekly_days: z.string().optional(),
  monthly_day: z.number().int().min(1).max(31).optional(),
});

const meetingFields = {
  topic: z.string().max(200).optional(),
  type: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(8)]).optional(),
  start_time: dateTime.optional(),
  duration: z.number().int().min(0).optional(),
  timezone: timezone.optional(),
  agenda: z.string().max(2000).optional(),
  password: z
    .string()
    .max(10)
    .regex(/^[A-Za-z0-9@_*-]*$/, "Password may only contain [a-zA-Z0-9@-_*].")
    .optional(),
  default_password: z.boolean().optional(),
  pre_schedule: z.boolean().optional(),
  schedule_for: z.string().optional(),
  template_id: z.string().optional(),
  recurrence: recurrence.optional(),
  tracking_fields: z.array(z.looseObject({ field: z.string(), value: z.string().optional() })).optional(),
  settings: settings.optional(),
};

const meetingInput = z.looseObject(meetingFields);

export type InputCheck = { ok: true; input: MeetingInput } | { ok: false; errors: FieldError[] };

/** Checks a create or update body (both take the same fields; none is required). */
export function checkMeetingInput(body: Record<string, unknown>): InputCheck {
  const result = meetingInput.safeParse(body);
  if (result.success) return { ok: true, input: result.data as MeetingInput };
  return { ok: false, errors: fieldErrors(result.error) };
}

const statusInput = z.looseObject({ action: z.enum(["end", "recover"]) });

export type StatusCheck = { ok: true; action: "end" | "recover" } | { ok: false; errors: FieldError[] };

/** Checks `PUT /meetings/{meetingId}/status`. */
export function checkStatusInput(body: Record<string, unknown>): StatusCheck {
  const result = statusInput.safeParse(body);
  if (result.success) return { ok: true, action: result.data.action };
  return { ok: false, errors: fieldErrors(result.error) };
}
