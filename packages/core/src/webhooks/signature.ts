/**
 * Zoom's webhook signature (FACTS.md, "Webhooks"): `v0=` + hex HMAC-SHA256(secretToken,
 * `v0:{timestamp}:{raw body}`), computed over the raw body bytes as received: never over a re-serialised
 * object, whose key order or spacing may differ from what Zoom signed.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** A raw request body: the exact bytes received, or their text. */
export type RawBody = string | Uint8Array;

const SIGNATURE = /^v0=([0-9a-f]{64})$/i;

/** The HMAC-SHA256 digest Zoom signs a request with. */
export function signatureDigest(secretToken: string, timestamp: string, rawBody: RawBody): Buffer {
  const hmac = createHmac("sha256", secretToken);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(rawBody);
  return hmac.digest();
}

/** Compares a received `x-zm-signature` with the expected digest in constant time. */
export function signatureMatches(received: string, expected: Buffer): boolean {
  const match = SIGNATURE.exec(received.trim());
  if (!match?.[1]) return false;
  return timingSafeEqual(Buffer.from(match[1], "hex"), expected);
}

/**
 * Signs a webhook body the way Zoom does, for tests and simulators.
 *
 * @param timestamp - Unix time in seconds.
 * @returns the two headers Zoom sends, ready to pass to `fetch`.
 * @example
 * const headers = signZoomWebhook(secretToken, body, Math.floor(Date.now() / 1000));
 * await fetch(url, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body });
 */
export function signZoomWebhook(
  secretToken: string,
  rawBody: RawBody,
  timestamp: number,
): { "x-zm-signature": string; "x-zm-request-timestamp": string } {
  const ts = String(Math.floor(timestamp));
  return {
    "x-zm-signature": `v0=${signatureDigest(secretToken, ts, rawBody).toString("hex")}`,
    "x-zm-request-timestamp": ts,
  };
}
