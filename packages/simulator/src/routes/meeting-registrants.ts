/**
 * Meeting registrants (routes shared with webinars in registrant-routes.ts) and registration questions.
 * Registration off (`approval_type` 2, the default) is HTTP 300 / code 300, an unknown registrant 404 /
 * 3000, and deleting one 400 / 300, as Zoom's reference words them.
 */
import type { Hono } from "hono";
import { z } from "zod";
import { readBody } from "../body-check.js";
import { type SimEnv, zoomError } from "../http.js";
import type { Simulation } from "../simulation.js";
import type { MeetingRecord } from "../state/meetings.js";
import { findMeeting, withMeeting } from "./meeting-lookup.js";
import { type RegistrantEvent, registerRegistrantRoutes } from "./registrant-routes.js";

const FIELD_NAMES = [
  "last_name",
  "address",
  "city",
  "country",
  "zip",
  "state",
  "phone",
  "industry",
  "org",
  "job_title",
  "purchasing_time_frame",
  "role_in_purchase_process",
  "no_of_employees",
  "comments",
] as const;

const questionsInput = z.looseObject({
  questions: z
    .array(z.object({ field_name: z.enum(FIELD_NAMES), required: z.boolean().optional() }))
    .optional(),
  custom_questions: z
    .array(
      z.object({
        title: z.string().min(1),
        type: z.enum(["short", "single"]),
        required: z.boolean().optional(),
        answers: z.array(z.string()).optional(),
      }),
    )
    .optional(),
});

function registrantEvent(m: MeetingRecord, url: string): RegistrantEvent {
  return {
    subject: m,
    id: m.id,
    topic: m.topic,
    startTime: m.startTime,
    book: m.registrants,
    approvalType: Number(m.settings.approval_type),
    joinUrl: `${url}/j/${m.id}`,
  };
}

export function registerMeetingRegistrants(app: Hono<SimEnv>, sim: Simulation): void {
  // Before the registrant routes, so `/registrants/questions` is not read as a registrant id.
  const questions = "/v2/meetings/:meetingId/registrants/questions";
  app.get(questions, sim.api("meetingRegistrantsQuestionsGet"), (c) =>
    withMeeting(c, sim, (m) => c.json(m.registrationQuestions, 200)),
  );
  app.patch(questions, sim.api("meetingRegistrantQuestionUpdate"), async (c) => {
    const body = await readBody(c, sim.maxBodyBytes, questionsInput);
    if (!body.ok) return body.response;
    return withMeeting(c, sim, (m) => {
      m.registrationQuestions = {
        questions: body.value.questions ?? m.registrationQuestions.questions,
        custom_questions: body.value.custom_questions ?? m.registrationQuestions.custom_questions,
      };
      return c.body(null, 204);
    });
  });
  app.all(questions, (c) => sim.methodNotAllowed(c, "GET, PATCH"));
  registerRegistrantRoutes(app, sim, {
    base: "/v2/meetings/:meetingId",
    events: "meeting",
    ops: {
      list: "meetingRegistrants",
      create: "meetingRegistrantCreate",
      get: "meetingRegistrantGet",
      remove: "meetingregistrantdelete",
      status: "meetingRegistrantStatus",
    },
    find: (c, s) => {
      const found = findMeeting(c, s);
      return "uuid" in found ? registrantEvent(found, s.url) : found;
    },
    notRequired: (c, e) =>
      zoomError(c, 300, 300, `This meeting has not set registration as required: ${e.id}.`),
    unknownRegistrant: (c, id, forDelete) =>
      forDelete
        ? zoomError(
            c,
            400,
            300,
            "The value that you entered for the Registrant ID field is invalid. Enter a valid value and try again.",
          )
        : zoomError(c, 404, 3000, `Registrant ${id} was not found.`),
    createdId: (e) => e.id,
  });
}
