/**
 * Log redaction at any depth: a field whose name says it holds a secret is censored wherever it sits
 * (`err.cause.config.password`, `tick.zoom.clientSecret`), and every string has the credentials of
 * URLs and connection strings masked (`redis://user:pass@`, `?password=`, `password='...'`) by core's
 * `redactUrl`, the helper the stores use for their own messages. Errors are serialised here, cause
 * chain included, so a driver's message is masked before it is written.
 */
import { redactUrl } from "@zoomkit/core";

export const CENSOR = "[redacted]";

/**
 * Field names that hold secrets, compared without case, `_` or `-` (`clientSecret`, `client_secret` and
 * `CLIENT-SECRET` are one name). Token fingerprints are logged as `tokenFingerprint`, which is not one.
 */
const SECRET_FIELDS = new Set(
  [
    "authorization",
    "proxyAuthorization",
    "cookie",
    "setCookie",
    "apiKey",
    "apiKeys",
    "xApiKey",
    "clientSecret",
    "zoomClientSecret",
    "secret",
    "secrets",
    "secretToken",
    "secretTokens",
    "webhookSecretToken",
    "webhookSecretTokens",
    "zoomWebhookSecretToken",
    "token",
    "tokens",
    "accessToken",
    "refreshToken",
    "idToken",
    "bearer",
    "password",
    "passwd",
    "pwd",
    "encryptionKey",
    "encryptionKeys",
    "tokenKey",
    "tokenKeys",
    "zoomkitTokenKey",
    "metricsToken",
    "privateKey",
    "xZmSignature",
    "startUrl",
  ].map((name) => normalise(name)),
);

const MAX_DEPTH = 10;

function normalise(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** True when a field called `name` is censored wherever it appears. */
export function isSecretField(name: string): boolean {
  return SECRET_FIELDS.has(normalise(name));
}

/**
 * `value` with secret fields censored at any depth and URL credentials masked in every string; Errors
 * become `{ type, message, code?, ..., stack, cause }`. Cycles and depths past 10 are cut, never thrown.
 *
 * @example
 * redactLogValue({ store: { url: "postgres://app:pw@db/zoom" }, auth: { password: "x" } });
 * // { store: { url: "postgres://***:***@db/zoom" }, auth: { password: "[redacted]" } }
 */
export function redactLogValue(value: unknown): unknown {
  return walk(value, 0, new WeakSet());
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === "string") return redactUrl(value);
  if (typeof value !== "object" || value === null) return value;
  if (seen.has(value)) return "[circular]";
  if (depth >= MAX_DEPTH) return "[too deep]";
  seen.add(value);
  try {
    if (value instanceof Error) return walkError(value, depth, seen);
    if (value instanceof Date) return value;
    if (value instanceof URL) return redactUrl(value.href);
    if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1, seen));
    if (value instanceof Map) return walkEntries(value.entries(), depth, seen);
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") return walk(toJSON.call(value), depth + 1, seen);
    return walkEntries(Object.entries(value), depth, seen);
  } finally {
    seen.delete(value);
  }
}

function walkEntries(
  entries: Iterable<[unknown, unknown]>,
  depth: number,
  seen: WeakSet<object>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of entries) {
    const name = String(key);
    out[name] = isSecretField(name) && item !== undefined ? CENSOR : walk(item, depth + 1, seen);
  }
  return out;
}

function walkError(error: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const out: Record<string, unknown> = { type: error.name, message: redactUrl(error.message) };
  Object.assign(out, walkEntries(Object.entries(error), depth, seen));
  if (error.stack) out.stack = redactUrl(error.stack);
  if (error.cause !== undefined) out.cause = walk(error.cause, depth + 1, seen);
  if (error instanceof AggregateError) out.errors = walk(error.errors, depth + 1, seen);
  return out;
}
