/**
 * Request body rules for create and update, after Zoom's own: unknown fields are ignored, known fields
 * must have the documented type, enum value and length; every problem is listed as `{ field, message }`
 * under code 300 "Validation Failed." (FACTS.md, "Errors and 401").
 */
import { z } from "zod";
import { fieldErrors } from "./body-check.js";
import type { FieldError } from "./http.js";
import {
  approvalType,
  audio,
  autoRecording,
  dateTime,
  password,
  recurrence,
  registrationType,
  timezone,
  trackingFields,
} from "./input-fields.js";
import type { MeetingInput } from "./state/meetings.js";

const settings = z.looseObject({
  host_video: z.boolean().optional(),
  participant_video: z.boolean().optional(),
  join_before_host: z.boolean().optional(),
  jbh_time: z.union([z.literal(0), z.literal(5), z.literal(10)]).optional(),
  mute_upon_entry: z.boolean().optional(),
  watermark: z.boolean().optional(),
  use_pmi: z.boolean().optional(),
  approval_type: approvalType.optional(),
  registration_type: registrationType.optional(),
  audio: audio.optional(),
  auto_recording: autoRecording.optional(),
  waiting_room: z.boolean().optional(),
  meeting_authentication: z.boolean().optional(),
  email_notification: z.boolean().optional(),
  alternative_hosts: z.string().optional(),
  private_meeting: z.boolean().optional(),
});

const meetingFields = {
  topic: z.string().max(200).optional(),
  type: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(8)]).optional(),
  start_time: dateTime.optional(),
  duration: z.number().int().min(0).optional(),
  timezone: timezone.optional(),
  agenda: z.string().max(2000).optional(),
  password: password.optional(),
  default_password: z.boolean().optional(),
  pre_schedule: z.boolean().optional(),
  schedule_for: z.string().optional(),
  template_id: z.string().optional(),
  recurrence: recurrence.optional(),
  tracking_fields: trackingFields.optional(),
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
