/** Field rules shared by the request bodies of meetings, webinars and registrants, after Zoom's. */
import { z } from "zod";

/** `2024-05-01T10:00:00Z`, with optional fraction and offset (an offset-less time is local to `timezone`). */
export const dateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})?$/, "Invalid date-time.")
  .refine(
    (s) => !Number.isNaN(Date.parse(/(?:Z|[+-]\d{2}:\d{2})$/i.test(s) ? s : `${s}Z`)),
    "Invalid date-time.",
  );

const zones = new Set([...Intl.supportedValuesOf("timeZone"), "UTC", "GMT"]);
export const timezone = z.string().refine((s) => zones.has(s), "Invalid timezone.");

export const password = z
  .string()
  .max(10)
  .regex(/^[A-Za-z0-9@_*-]*$/, "Password may only contain [a-zA-Z0-9@-_*].");

export const email = z.email("Invalid email.").max(128);

export const approvalType = z.union([z.literal(0), z.literal(1), z.literal(2)]);
export const registrationType = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export const audio = z.enum(["both", "telephony", "voip"]);
export const autoRecording = z.enum(["local", "cloud", "none"]);

export const recurrence = z.looseObject({
  type: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  repeat_interval: z.number().int().min(1).optional(),
  end_times: z.number().int().min(1).max(60).optional(),
  end_date_time: dateTime.optional(),
  weekly_days: z.string().optional(),
  monthly_day: z.number().int().min(1).max(31).optional(),
});

export const trackingFields = z.array(z.looseObject({ field: z.string(), value: z.string().optional() }));
