/**
 * Zoom's endpoint URL validation (FACTS.md, "Webhooks"): Zoom posts `endpoint.url_validation` with a
 * `plainToken` and expects, within 3 s, `{ plainToken, encryptedToken }` where encryptedToken is hex
 * HMAC-SHA256(secretToken, plainToken). Verify the request with `verifyZoomWebhook` first.
 */
import { createHmac } from "node:crypto";
import { ZoomWebhookError } from "./errors.js";
import type { ZoomWebhookEvent } from "./verify.js";

/** The body to answer an `endpoint.url_validation` event with (status 200, JSON). */
export interface UrlValidationAnswer {
  plainToken: string;
  encryptedToken: string;
}

/**
 * Answers Zoom's URL validation challenge.
 *
 * @param input - the verified `endpoint.url_validation` event, or its `plainToken`.
 * @example
 * if (event.event === "endpoint.url_validation") return Response.json(answerUrlValidation(event, secretToken));
 */
export function answerUrlValidation(
  input: ZoomWebhookEvent<unknown> | string,
  secretToken: string,
): UrlValidationAnswer {
  if (!secretToken) {
    throw new ZoomWebhookError(
      "missing_secret",
      "No webhook secret token is configured; cannot answer validation.",
    );
  }
  const plainToken = typeof input === "string" ? input : plainTokenOf(input);
  if (!plainToken) {
    throw new ZoomWebhookError("malformed_body", "The url_validation event has no payload.plainToken.");
  }
  const encryptedToken = createHmac("sha256", secretToken).update(plainToken).digest("hex");
  return { plainToken, encryptedToken };
}

function plainTokenOf(event: ZoomWebhookEvent<unknown>): string | undefined {
  const payload = event.payload as { plainToken?: unknown } | null | undefined;
  return typeof payload?.plainToken === "string" ? payload.plainToken : undefined;
}
