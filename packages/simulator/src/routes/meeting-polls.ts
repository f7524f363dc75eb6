/** Meeting polls: list, create 201, get, replace 204, delete 204; an unknown poll is 404 "Meeting Poll not found." */
import type { Hono } from "hono";
import { z } from "zod";
import { readBody } from "../body-check.js";
import { type SimContext, type SimEnv, zoomError } from "../http.js";
import type { Simulation } from "../simulation.js";
import type { MeetingRecord } from "../state/meetings.js";
import { type PollRecord, pollBody } from "../state/polls.js";
import { withMeeting } from "./meeting-lookup.js";

const QUESTION_TYPES = [
  "single",
  "multiple",
  "matching",
  "rank_order",
  "short_answer",
  "long_answer",
  "fill_in_the_blank",
  "rating_scale",
] as const;

const pollInput = z.looseObject({
  title: z.string().max(64).optional(),
  anonymous: z.boolean().optional(),
  poll_type: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
  questions: z
    .array(
      z.looseObject({
        name: z.string().min(1).max(255),
        type: z.enum(QUESTION_TYPES),
        answers: z.array(z.string()).optional(),
        right_answers: z.array(z.string()).optional(),
        answer_required: z.boolean().optional(),
      }),
    )
    .min(1),
});

export function registerMeetingPolls(app: Hono<SimEnv>, sim: Simulation): void {
  const base = "/v2/meetings/:meetingId/polls";
  app.get(base, sim.api("meetingPolls"), (c) =>
    withMeeting(c, sim, (m) => {
      const polls = m.polls.list();
      return c.json({ total_records: polls.length, polls: polls.map(pollBody) }, 200);
    }),
  );
  app.post(base, sim.api("meetingPollCreate"), async (c) => {
    const body = await readBody(c, sim.maxBodyBytes, pollInput);
    if (!body.ok) return body.response;
    return withMeeting(c, sim, (m) => c.json(pollBody(m.polls.create(body.value)), 201));
  });
  app.all(base, (c) => sim.methodNotAllowed(c, "GET, POST"));
  const one = `${base}/:pollId`;
  app.get(one, sim.api("meetingPollGet"), (c) => withPoll(c, sim, (_, poll) => c.json(pollBody(poll), 200)));
  app.put(one, sim.api("meetingPollUpdate"), async (c) => {
    const body = await readBody(c, sim.maxBodyBytes, pollInput);
    if (!body.ok) return body.response;
    return withPoll(c, sim, (m, poll) => {
      m.polls.replace(poll, body.value);
      return c.body(null, 204);
    });
  });
  app.delete(one, sim.api("meetingPollDelete"), (c) =>
    withPoll(c, sim, (m, poll) => {
      m.polls.remove(poll.id);
      return c.body(null, 204);
    }),
  );
  app.all(one, (c) => sim.methodNotAllowed(c, "GET, PUT, DELETE"));
}

function withPoll(
  c: SimContext,
  sim: Simulation,
  handle: (meeting: MeetingRecord, poll: PollRecord) => Response,
): Response | Promise<Response> {
  return withMeeting(c, sim, (m) => {
    const poll = m.polls.get(c.req.param("pollId") ?? "");
    return poll ? handle(m, poll) : zoomError(c, 404, 404, "Meeting Poll not found.");
  });
}
