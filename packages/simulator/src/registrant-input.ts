/** Request body rules for meeting and webinar registrants (Zoom's RegistrantFields, status changes). */
import { z } from "zod";
import { email } from "./input-fields.js";

/** Registrant fields Zoom documents; others are dropped (z.object strips unknown keys). */
export const registrantInput = z.object({
  first_name: z.string().min(1).max(64),
  last_name: z.string().max(64).optional(),
  email,
  address: z.string().optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  zip: z.string().optional(),
  country: z.string().optional(),
  phone: z.string().optional(),
  comments: z.string().optional(),
  industry: z.string().optional(),
  job_title: z.string().optional(),
  org: z.string().optional(),
  custom_questions: z.array(z.object({ title: z.string(), value: z.string().max(128) })).optional(),
  auto_approve: z.boolean().optional(),
});

export const registrantStatusInput = z.looseObject({
  action: z.enum(["approve", "deny", "cancel"]),
  registrants: z
    .array(z.looseObject({ id: z.string().optional(), email: z.string().optional() }))
    .max(30)
    .optional(),
});
