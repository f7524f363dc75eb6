/**
 * `POST /meetings`, `GET /meetings/:id`, `DELETE /meetings/:id`: validated input, the typed Zoom
 * client, and Zoom's answers mapped by `zoom-errors.ts`.
 */

import type { Logger } from "@zoomkit/app-support";
import type { ZoomClient } from "@zoomkit/core";
import { type Context, Hono } from "hono";
import {
  createMeetingSchema,
  describeIssues,
  meetingIdSchema,
  toMeetingView,
  toZoomCreateBody,
} from "../schemas.js";
import { answerForThrown, answerForZoomResponse, type HttpAnswer, type Subject } from "../zoom-errors.js";

const send = (c: Context, answer: HttpAnswer) => {
  for (const [name, value] of Object.entries(answer.headers)) c.header(name, value);
  return c.json(answer.body, answer.status);
};

const badRequest = (c: Context, message: string, issues?: { field: string; message: string }[]) =>
  c.json({ error: "invalid_request", message, ...(issues ? { issues } : {}) }, 400);

/** Runs a Zoom call; errors zoomkit throws become answers, anything else goes to the app's error handler. */
async function callZoom<T>(c: Context, logger: Logger, run: () => Promise<T>): Promise<T | Response> {
  try {
    return await run();
  } catch (error) {
    const answer = answerForThrown(error, c.req.method);
    if (!answer) throw error;
    logger.warn(
      {
        code: (error as { code?: string }).code,
        status: answer.status,
        err: { message: (error as Error).message },
      },
      "zoom call failed",
    );
    return send(c, answer);
  }
}

/** The meetings routes. */
export function meetingsRoutes(deps: { zoom: ZoomClient; logger: Logger }): Hono {
  const { zoom, logger } = deps;
  const app = new Hono();

  app.post("/", async (c) => {
    let json: unknown;
    try {
      json = await c.req.json();
    } catch {
      return badRequest(c, "the body must be JSON (Content-Type: application/json)");
    }
    const parsed = createMeetingSchema.safeParse(json);
    if (!parsed.success) return badRequest(c, "the meeting is not valid", describeIssues(parsed.error));
    const input = parsed.data;
    const subject: Subject = { kind: "host", id: input.host };
    const body = toZoomCreateBody(input);
    const result = await callZoom(c, logger, () =>
      zoom.POST("/users/{userId}/meetings", { params: { path: { userId: input.host } }, body }),
    );
    if (result instanceof Response) return result;
    if (!result.data) return send(c, answerForZoomResponse(result.response, result.error, subject));
    const meeting = toMeetingView(result.data);
    logger.info({ meetingId: meeting.id, host: input.host }, "meeting created");
    c.header("Location", `/meetings/${meeting.id}`);
    return c.json(meeting, 201);
  });

  app.get("/:id", async (c) => {
    const id = meetingIdSchema.safeParse(c.req.param("id"));
    if (!id.success) return badRequest(c, id.error.issues[0]?.message ?? "invalid meeting id");
    const subject: Subject = { kind: "meeting", id: id.data };
    const result = await callZoom(c, logger, () =>
      zoom.GET("/meetings/{meetingId}", { params: { path: { meetingId: Number(id.data) } } }),
    );
    if (result instanceof Response) return result;
    if (!result.data) return send(c, answerForZoomResponse(result.response, result.error, subject));
    return c.json(toMeetingView(result.data), 200);
  });

  app.delete("/:id", async (c) => {
    const id = meetingIdSchema.safeParse(c.req.param("id"));
    if (!id.success) return badRequest(c, id.error.issues[0]?.message ?? "invalid meeting id");
    const subject: Subject = { kind: "meeting", id: id.data };
    const result = await callZoom(c, logger, () =>
      zoom.DELETE("/meetings/{meetingId}", { params: { path: { meetingId: Number(id.data) } } }),
    );
    if (result instanceof Response) return result;
    if (!result.response.ok) return send(c, answerForZoomResponse(result.response, result.error, subject));
    logger.info({ meetingId: id.data }, "meeting deleted");
    return c.body(null, 204);
  });

  return app;
}
