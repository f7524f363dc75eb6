/** Request body rules for webinars, their registrants and panelists (unknown fields ignored, as Zoom does). */
import { z } from "zod";
import {
  approvalType,
  audio,
  autoRecording,
  dateTime,
  email,
  password,
  recurrence,
  registrationType,
  timezone,
  trackingFields,
} from "./input-fields.js";
import type { WebinarInput } from "./state/webinars.js";

const settings = z.looseObject({
  host_video: z.boolean().optional(),
  panelists_video: z.boolean().optional(),
  practice_session: z.boolean().optional(),
  hd_video: z.boolean().optional(),
  approval_type: approvalType.optional(),
  registration_type: registrationType.optional(),
  audio: audio.optional(),
  auto_recording: autoRecording.optional(),
  alternative_hosts: z.string().optional(),
  close_registration: z.boolean().optional(),
  show_share_button: z.boolean().optional(),
  allow_multiple_devices: z.boolean().optional(),
  on_demand: z.boolean().optional(),
  registrants_restrict_number: z.number().int().min(0).max(20000).optional(),
  registrants_email_notification: z.boolean().optional(),
  post_webinar_survey: z.boolean().optional(),
  meeting_authentication: z.boolean().optional(),
});

export const webinarInput: z.ZodType<WebinarInput> = z.looseObject({
  topic: z.string().max(200).optional(),
  type: z.union([z.literal(5), z.literal(6), z.literal(9)]).optional(),
  start_time: dateTime.optional(),
  duration: z.number().int().min(0).optional(),
  timezone: timezone.optional(),
  agenda: z.string().max(2000).optional(),
  password: password.optional(),
  recurrence: recurrence.optional(),
  tracking_fields: trackingFields.optional(),
  is_simulive: z.boolean().optional(),
  record_file_id: z.string().optional(),
  settings: settings.optional(),
});

export const webinarStatusInput = z.looseObject({ action: z.literal("end") });

export const panelistInput = z.looseObject({
  panelists: z
    .array(
      z.object({
        name: z.string().min(1).max(64),
        email,
        virtual_background_id: z.string().optional(),
        name_tag_id: z.string().optional(),
        name_tag_name: z.string().optional(),
        name_tag_pronouns: z.string().optional(),
        name_tag_description: z.string().optional(),
      }),
    )
    .min(1)
    .max(30),
});
