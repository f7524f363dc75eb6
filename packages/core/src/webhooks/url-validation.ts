/**
 * Zoom's endpoint URL validation (FACTS.md, "Webhooks"): Zoom posts `endpoint.url_validation` with a
 * `plainToken` and expects, within 3 s, `{ plainToken, encryptedToken }` where encryptedToken is hex
 * HMAC-SHA256(secretToken, plainToken). Verify the request with `verifyZoomWebhook` first.
 */
import { createHmac } from "node:crypto";
import { ZoomWebhookError } from "./errors.js";
import { secretThatVerified, type ZoomWebhookEvent } from "./verify.js";

/** The body to answer an `endpoint.url_validation` event with (status 200, JSON). */
export interface UrlValidationAnswer {
  plainToken: string;
  encryptedToken: string;
}

/**
 * Answers Zoom's URL validation challenge.
 *
 * @param input - the verified `endpoint.url_validation` event, or its `plainToken`.
 * @param secretToken - the secret, or the list given to `verifyZoomWebhook`: the answer is signed with the
 * one that verified the event (the first for a bare `plainToken`).
 * @throws {ZoomWebhookError} `malformed_body` when the event has no string `payload.plainToken` (answer 400).
 * @example
 * if (event.event === "endpoint.url_validation") return Response.json(answerUrlValidation(event, secretToken));
 */
export function answerUrlValidation(
  input: ZoomWebhookEvent<unknown> | string,
  secretToken: string | readonly string[],
): UrlValidationAnswer {
  const secrets = typeof secretToken === "string" ? [secretToken] : secretToken;
  const verifying = typeof input === "string" ? undefined : secretThatVerified(input);
  const secret = verifying !== undefined && secrets.includes(verifying) ? verifying : secrets[0];
  if (!secret) {
    throw new ZoomWebhookError(
      "missing_secret",
      "No webhook secret token is configured; cannot answer validation.",
    );
  }
  const plainToken = typeof input === "string" ? input : plainTokenOf(input);
  if (!plainToken) {
    throw new ZoomWebhookError("malformed_body", "The url_validation event has no payload.plainToken.");
  }
  const encryptedToken = createHmac("sha256", secret).update(plainToken).digest("hex");
  return { plainToken, encryptedToken };
}

function plainTokenOf(event: ZoomWebhookEvent<unknown>): string | undefined {
  const payload = event.payload as { plainToken?: unknown } | null | undefined;
  return typeof payload?.plainToken === "string" ? payload.plainToken : undefined;
}
