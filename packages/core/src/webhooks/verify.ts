/**
 * `verifyZoomWebhook`: authenticity (signature), freshness (timestamp) and shape (a JSON event), in that
 * order, so nothing about an unsigned body is looked at before its signature holds.
 */
import { ZoomWebhookError } from "./errors.js";
import { type RawBody, signatureDigest, signatureMatches } from "./signature.js";

/** A Zoom webhook event. `payload` depends on `event`. */
export interface ZoomWebhookEvent<Payload = Record<string, unknown>> {
  /** The event name, e.g. `meeting.started` or `endpoint.url_validation`. */
  event: string;
  /** When Zoom produced the event (epoch ms). */
  event_ts?: number;
  payload: Payload;
}

/** Request headers as `Headers` or a plain record (Node's `IncomingHttpHeaders` fits). */
export type WebhookHeaders = Headers | Record<string, string | readonly string[] | undefined>;

/** Options of `verifyZoomWebhook`. */
export interface VerifyZoomWebhookOptions {
  /** The app's webhook secret token. */
  secretToken: string;
  /** The body exactly as received (bytes, or their UTF-8 text). */
  rawBody: RawBody;
  /** The request's headers. */
  headers: WebhookHeaders;
  /** The current time (epoch ms or a Date). @default Date.now() */
  now?: number | Date;
  /**
   * How far the signed timestamp may be from `now`, either way, in seconds. Zoom documents no replay
   * window; five minutes tolerates clock skew and slow delivery while bounding replays. @default 300
   */
  toleranceSeconds?: number;
}

const TIMESTAMP = /^\d{1,12}$/;

/**
 * Verifies a Zoom webhook request and returns its event.
 *
 * @throws {ZoomWebhookError} `missing_secret`, `missing_signature`, `missing_timestamp`,
 * `invalid_timestamp`, `invalid_signature`, `stale_timestamp` or `malformed_body`.
 * @example
 * app.post("/webhooks/zoom", async (c) => {
 *   const event = verifyZoomWebhook({
 *     secretToken: process.env.ZOOM_WEBHOOK_SECRET!,
 *     rawBody: await c.req.text(),
 *     headers: c.req.raw.headers,
 *   });
 *   if (event.event === "endpoint.url_validation") {
 *     return c.json(answerUrlValidation(event, process.env.ZOOM_WEBHOOK_SECRET!));
 *   }
 *   return c.body(null, 204);
 * });
 */
export function verifyZoomWebhook<Payload = Record<string, unknown>>(
  options: VerifyZoomWebhookOptions,
): ZoomWebhookEvent<Payload> {
  const { secretToken, rawBody } = options;
  if (!secretToken) {
    throw new ZoomWebhookError(
      "missing_secret",
      "No webhook secret token is configured; refusing to verify.",
    );
  }
  const signature = header(options.headers, "x-zm-signature");
  if (!signature) throw new ZoomWebhookError("missing_signature", "The x-zm-signature header is missing.");
  const timestamp = header(options.headers, "x-zm-request-timestamp")?.trim();
  if (!timestamp) {
    throw new ZoomWebhookError("missing_timestamp", "The x-zm-request-timestamp header is missing.");
  }
  if (!TIMESTAMP.test(timestamp)) {
    throw new ZoomWebhookError("invalid_timestamp", "x-zm-request-timestamp is not a Unix time in seconds.");
  }
  if (!signatureMatches(signature, signatureDigest(secretToken, timestamp, rawBody))) {
    throw new ZoomWebhookError(
      "invalid_signature",
      "The webhook signature does not match the body: it was forged or altered, or signed with another secret token (check the app's Secret Token).",
    );
  }
  checkFreshness(Number(timestamp), options);
  return parseEvent<Payload>(rawBody);
}

function checkFreshness(timestampSeconds: number, options: VerifyZoomWebhookOptions): void {
  const nowMs = options.now === undefined ? Date.now() : Number(options.now);
  const tolerance = options.toleranceSeconds ?? 300;
  const skew = nowMs / 1000 - timestampSeconds;
  if (Math.abs(skew) <= tolerance) return;
  const where = skew > 0 ? `${Math.round(skew)} s old` : `${Math.round(-skew)} s in the future`;
  throw new ZoomWebhookError(
    "stale_timestamp",
    `The webhook timestamp is ${where}, outside the ${tolerance} s tolerance (a replay, or a clock out of sync).`,
  );
}

function parseEvent<Payload>(rawBody: RawBody): ZoomWebhookEvent<Payload> {
  let value: unknown;
  try {
    const text =
      typeof rawBody === "string" ? rawBody : new TextDecoder("utf-8", { fatal: true }).decode(rawBody);
    value = JSON.parse(text);
  } catch (error) {
    throw new ZoomWebhookError("malformed_body", "The webhook body is not valid JSON.", { cause: error });
  }
  const event = value as Partial<ZoomWebhookEvent<Payload>> | null;
  if (typeof event !== "object" || event === null || typeof event.event !== "string") {
    throw new ZoomWebhookError("malformed_body", "The webhook body has no `event` name.");
  }
  if (typeof event.payload !== "object" || event.payload === null) {
    throw new ZoomWebhookError("malformed_body", "The webhook body has no `payload` object.");
  }
  return event as ZoomWebhookEvent<Payload>;
}

/** Reads a header case-insensitively from `Headers` or a plain record; the first value of a list. */
function header(headers: WebhookHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    return typeof value === "string" ? value : value?.[0];
  }
  return undefined;
}
