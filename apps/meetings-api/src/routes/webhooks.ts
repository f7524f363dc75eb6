/**
 * `POST /webhooks/zoom`: Zoom's signature and timestamp checked over the raw body bytes (never a
 * re-serialised parse), then `endpoint.url_validation` answered or the event handed on.
 */

import type { Logger } from "@zoomkit/app-support";
import {
  answerUrlValidation,
  verifyZoomWebhook,
  ZoomWebhookError,
  type ZoomWebhookEvent,
} from "@zoomkit/core/webhooks";
import { Hono } from "hono";

export type WebhookEvent = ZoomWebhookEvent;

/** The webhook route, mounted under `/webhooks`. */
export function webhookRoutes(deps: {
  secretToken: string;
  logger: Logger;
  onEvent?: (event: WebhookEvent) => void;
  /** Replay window, seconds either way. @default 300 */
  toleranceSeconds?: number;
}): Hono {
  const { secretToken, logger } = deps;
  const app = new Hono();

  app.post("/zoom", async (c) => {
    const rawBody = new Uint8Array(await c.req.arrayBuffer());
    let event: WebhookEvent;
    try {
      event = verifyZoomWebhook({
        secretToken,
        rawBody,
        headers: c.req.raw.headers,
        toleranceSeconds: deps.toleranceSeconds ?? 300,
      });
    } catch (error) {
      if (!(error instanceof ZoomWebhookError)) throw error;
      logger.warn({ code: error.code }, "zoom webhook refused");
      // 4xx on purpose: Zoom retries only on 5xx and network errors, and a forged request must not be retried.
      return c.json(
        { error: error.code, message: error.message },
        error.code === "malformed_body" ? 400 : 401,
      );
    }
    if (event.event === "endpoint.url_validation") {
      logger.info("zoom webhook url validation answered");
      return c.json(answerUrlValidation(event, secretToken), 200);
    }
    const object = (event.payload as { object?: { id?: unknown } }).object;
    // The event name and meeting id only: payloads carry people's names and emails.
    logger.info(
      { event: event.event, meetingId: object?.id === undefined ? undefined : String(object.id) },
      "zoom webhook",
    );
    deps.onEvent?.(event);
    return c.json({ received: true }, 200);
  });

  return app;
}
