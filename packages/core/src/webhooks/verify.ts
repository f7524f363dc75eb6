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
  /**
   * The app's webhook secret token, or several: a request signed with any of them is accepted, so a
   * secret can be rotated (or several apps post to one endpoint) without refusing deliveries.
   */
  secretToken: string | readonly string[];
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

/** Which secret verified each event `verifyZoomWebhook` returned, for `answerUrlValidation`. */
const verifiedWith = new WeakMap<object, string>();

/** The secret that verified `event`, when `verifyZoomWebhook` returned it. */
export function secretThatVerified(event: object): string | undefined {
  return verifiedWith.get(event);
}

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
  const { rawBody } = options;
  // A caller that passes the parsed body (or none) gets a typed error, never a TypeError from the HMAC.
  if (typeof rawBody !== "string" && !(rawBody instanceof Uint8Array)) {
    throw new ZoomWebhookError(
      "malformed_body",
      "rawBody must be the request body exactly as received (a string or bytes, read before any JSON parsing).",
    );
  }
  const secrets = secretsOf(options.secretToken);
  const signature = header(options.headers, "x-zm-signature");
  if (!signature) throw new ZoomWebhookError("missing_signature", "The x-zm-signature header is missing.");
  const timestamp = header(options.headers, "x-zm-request-timestamp")?.trim();
  if (!timestamp) {
    throw new ZoomWebhookError("missing_timestamp", "The x-zm-request-timestamp header is missing.");
  }
  if (!TIMESTAMP.test(timestamp)) {
    throw new ZoomWebhookError("invalid_timestamp", "x-zm-request-timestamp is not a Unix time in seconds.");
  }
  // Every secret is tried, so the time taken does not tell which one (or whether an early one) matched.
  let matched: string | undefined;
  for (const secret of secrets) {
    if (signatureMatches(signature, signatureDigest(secret, timestamp, rawBody))) matched ??= secret;
  }
  if (matched === undefined) {
    throw new ZoomWebhookError(
      "invalid_signature",
      "The webhook signature does not match the body: it was forged or altered, or signed with another secret token (check the app's Secret Token).",
    );
  }
  checkFreshness(Number(timestamp), options);
  const event = parseEvent<Payload>(rawBody);
  verifiedWith.set(event, matched);
  return event;
}

/** The configured secrets; none, or an empty one, would make every signature forgeable. */
function secretsOf(secretToken: string | readonly string[] | undefined): readonly string[] {
  const secrets = typeof secretToken === "string" ? [secretToken] : (secretToken ?? []);
  if (secrets.length === 0 || secrets.some((secret) => typeof secret !== "string" || secret === "")) {
    throw new ZoomWebhookError(
      "missing_secret",
      "No webhook secret token is configured (or one is empty); refusing to verify.",
    );
  }
  return secrets;
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
