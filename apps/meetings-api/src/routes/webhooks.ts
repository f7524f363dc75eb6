/**
 * `POST /webhooks/zoom`: Zoom's signature and timestamp checked over the raw body bytes (never a
 * re-serialised parse), then `endpoint.url_validation` answered or the event handled once.
 *
 * What a sender controls is answered 4xx (Zoom does not retry those, and a forged request must not be
 * retried). The app's own failures are 5xx so that Zoom delivers the event again: the handler is awaited
 * inside a `try`, its failure logged and answered 500, never left as an unhandled rejection. A delivery
 * of an event already handled (Zoom's retry after a slow answer, or another replica) is acknowledged
 * without running the handler again.
 */

import type { Logger } from "@zoomkit/app-support";
import {
  answerUrlValidation,
  isZoomEvent,
  verifyZoomWebhook,
  type WebhookDeliveries,
  ZoomWebhookError,
  type ZoomWebhookEvent,
} from "@zoomkit/core/webhooks";
import { type Context, Hono } from "hono";

/**
 * A verified event. `isZoomEvent(event)` tells the meeting, webinar, registration and recording events
 * apart from ones zoomkit does not describe, and then `event.event` narrows the payload.
 */
export type WebhookEvent = ZoomWebhookEvent;

/** The webhook route's dependencies. */
export interface WebhookRouteDeps {
  /** Accepted secret tokens (several while one is rotated). */
  secretTokens: readonly string[];
  logger: Logger;
  /** Remembers handled events across deliveries and replicas. */
  deliveries: WebhookDeliveries;
  /** The app's handler; awaited, and its failure answered 500 so that Zoom delivers the event again. */
  onEvent?: (event: WebhookEvent) => unknown;
  /** Replay window, seconds either way. @default 300 */
  toleranceSeconds?: number;
}

/** The id of the meeting or webinar a described event is about (typed by its name), for the log. */
function meetingIdOf(event: WebhookEvent): string | undefined {
  if (!isZoomEvent(event) || event.event === "endpoint.url_validation") return undefined;
  return String(event.payload.object.id);
}

/** Seconds Zoom is asked to wait before delivering an event that another delivery is handling. */
const IN_PROGRESS_RETRY_SECONDS = 60;

const refuse = (c: Context, error: ZoomWebhookError) =>
  c.json({ error: error.code, message: error.message }, error.code === "malformed_body" ? 400 : 401);

/** The webhook route, mounted under `/webhooks`. */
export function webhookRoutes(deps: WebhookRouteDeps): Hono {
  const { secretTokens, logger } = deps;
  const app = new Hono();

  app.post("/zoom", async (c) => {
    let rawBody: Uint8Array;
    try {
      rawBody = new Uint8Array(await c.req.arrayBuffer());
    } catch {
      // The sender broke off the body (bodies over the limit never get here: the body limit answers 413).
      logger.warn("zoom webhook body could not be read");
      return c.json({ error: "unreadable_body", message: "the request body could not be read" }, 400);
    }
    let event: WebhookEvent;
    try {
      event = verifyZoomWebhook({
        secretToken: secretTokens,
        rawBody,
        headers: c.req.raw.headers,
        toleranceSeconds: deps.toleranceSeconds ?? 300,
      });
    } catch (error) {
      if (!(error instanceof ZoomWebhookError)) throw error;
      logger.warn({ code: error.code }, "zoom webhook refused");
      return refuse(c, error);
    }
    if (event.event === "endpoint.url_validation") {
      try {
        const answer = answerUrlValidation(event, secretTokens);
        logger.info("zoom webhook url validation answered");
        return c.json(answer, 200);
      } catch (error) {
        if (!(error instanceof ZoomWebhookError)) throw error;
        logger.warn({ code: error.code }, "zoom webhook refused");
        return refuse(c, error);
      }
    }
    // The event name and meeting (or webinar) id only: payloads carry people's names and emails.
    const about = {
      event: event.event,
      meetingId: meetingIdOf(event),
    };
    try {
      const { outcome } = await deps.deliveries.handleOnce(event, () => deps.onEvent?.(event));
      if (outcome === "in_progress") {
        logger.info(about, "zoom webhook already being handled: asking Zoom to deliver it again");
        c.header("Retry-After", String(IN_PROGRESS_RETRY_SECONDS));
        return c.json(
          { error: "in_progress", message: "this event is being handled; deliver it again later" },
          503,
        );
      }
      logger.info({ ...about, duplicate: outcome === "duplicate" }, "zoom webhook");
      return c.json({ received: true, ...(outcome === "duplicate" ? { duplicate: true } : {}) }, 200);
    } catch (error) {
      logger.error(
        { ...about, err: error },
        "zoom webhook handler failed: Zoom will deliver the event again",
      );
      return c.json(
        { error: "handler_failed", message: "the event could not be handled; Zoom will deliver it again" },
        500,
      );
    }
  });

  return app;
}
