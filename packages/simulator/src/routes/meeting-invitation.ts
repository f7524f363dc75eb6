/**
 * A meeting's invitation text (`GET .../invitation`) and personal join links for named attendees
 * (`POST .../invite_links`, each link valid for `ttl` seconds, default 7200, at most 90 days).
 */
import { randomBytes } from "node:crypto";
import type { Hono } from "hono";
import { z } from "zod";
import { readBody } from "../body-check.js";
import type { SimEnv } from "../http.js";
import { meetingBody } from "../meeting-body.js";
import type { Simulation } from "../simulation.js";
import type { MeetingRecord } from "../state/meetings.js";
import { withMeeting } from "./meeting-lookup.js";

const inviteLinksInput = z.looseObject({
  attendees: z
    .array(z.object({ name: z.string().min(1).max(64) }))
    .min(1)
    .max(500),
  ttl: z.number().int().min(0).max(7_776_000).optional(),
});

export function registerMeetingInvitation(app: Hono<SimEnv>, sim: Simulation): void {
  app.get("/v2/meetings/:meetingId/invitation", sim.api("meetingInvitation"), (c) =>
    withMeeting(c, sim, (m) => c.json({ invitation: invitation(m, sim.url), sip_links: [] }, 200)),
  );
  app.all("/v2/meetings/:meetingId/invitation", (c) => sim.methodNotAllowed(c, "GET"));
  app.post("/v2/meetings/:meetingId/invite_links", sim.api("meetingInviteLinksCreate"), async (c) => {
    const body = await readBody(c, sim.maxBodyBytes, inviteLinksInput);
    if (!body.ok) return body.response;
    return withMeeting(c, sim, (m) =>
      c.json(
        {
          attendees: body.value.attendees.map((a) => ({
            name: a.name,
            join_url: `${sim.url}/j/${m.id}?tk=${randomBytes(18).toString("base64url")}`,
          })),
        },
        201,
      ),
    );
  });
  app.all("/v2/meetings/:meetingId/invite_links", (c) => sim.methodNotAllowed(c, "POST"));
}

function invitation(m: MeetingRecord, url: string): string {
  const body = meetingBody(m, url);
  const host = `${m.host.firstName} ${m.host.lastName}`.trim() || m.host.email;
  const id = String(m.id).replace(/^(\d{3})(\d{4})(\d+)$/, "$1 $2 $3");
  return [
    `${host} is inviting you to a scheduled Zoom meeting.`,
    "",
    `Topic: ${m.topic}`,
    ...(typeof body.start_time === "string" ? [`Time: ${body.start_time} ${m.timezone}`] : []),
    "",
    "Join Zoom Meeting",
    String(body.join_url),
    "",
    `Meeting ID: ${id}`,
    `Passcode: ${m.password}`,
    "",
  ].join("\n");
}
