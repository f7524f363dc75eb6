/**
 * Zoom's Server-to-Server OAuth token endpoint: `POST {oauthUrl}` with
 * `grant_type=account_credentials&account_id=...` and HTTP Basic client credentials (FACTS.md,
 * "Token endpoint"). No refresh token exists: a new token is minted each time.
 */
import { raceAbort } from "../abort.js";
import { ZoomAuthError } from "../errors.js";
import { fingerprint } from "./fingerprint.js";
import type { AccessToken } from "./types.js";

/** Server-to-Server OAuth credentials. */
export interface ZoomCredentials {
  accountId: string;
  clientId: string;
  clientSecret: string;
}

export interface MintOptions {
  credentials: ZoomCredentials;
  /** @default "https://zoom.us/oauth/token" */
  oauthUrl: string;
  fetch: typeof fetch;
  /** @default 10_000 */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Clock, for tests. @default Date.now */
  now?: () => number;
}

/** The largest token reply read (Zoom's is well under 2 KiB); a bigger one is malformed. */
const MAX_REPLY_BYTES = 64 * 1024;
/** Longest lifetime accepted (Zoom's tokens live an hour): anything longer is malformed, not trusted. */
const MAX_EXPIRES_IN_SECONDS = 24 * 60 * 60;
/** Longest token accepted; a token is sent as a header value, so it must be visible ASCII. */
const MAX_TOKEN_LENGTH = 16 * 1024;

/** Zoom's token endpoint error codes that mean the credentials themselves are wrong (4700-4706). */
const CREDENTIAL_CODES = new Set([4700, 4702, 4704, 4705, 4706, 4709]);

/** Mints one token. Throws `ZoomAuthError` with an actionable message on any failure. */
export async function mintToken(options: MintOptions): Promise<AccessToken> {
  const { credentials, oauthUrl } = options;
  const now = options.now ?? Date.now;
  const signals = [AbortSignal.timeout(options.timeoutMs ?? 10_000)];
  if (options.signal) signals.push(options.signal);
  const body = new URLSearchParams({ grant_type: "account_credentials", account_id: credentials.accountId });
  const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString("base64");
  // Expiry counts from before the request is sent, so network time never makes us overestimate it.
  const mintedAt = now();
  let response: Response;
  const signal = AbortSignal.any(signals);
  try {
    // Raced as well: an injected fetch that ignores its signal still cannot outlive the timeout or an abort.
    response = await raceAbort(
      options.fetch(oauthUrl, {
        method: "POST",
        headers: {
          authorization: `Basic ${basic}`,
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
        },
        body,
        signal,
      }),
      signal,
    );
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw new ZoomAuthError(
      "token_endpoint_unavailable",
      `Could not reach Zoom's token endpoint (${oauthUrl}): ${describe(error)}. Check network access to it; the request will be tried again.`,
    );
  }
  let text: string | undefined;
  try {
    text = await readBounded(response, MAX_REPLY_BYTES);
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw new ZoomAuthError(
      "token_endpoint_unavailable",
      `Zoom's token endpoint (${oauthUrl}) answered ${response.status} but its reply could not be read: ${describe(error)}. The request will be tried again.`,
    );
  }
  if (text === undefined) {
    throw malformed(response.status, `its reply is larger than ${MAX_REPLY_BYTES} bytes`);
  }
  const json = parseJson(text);
  if (!response.ok) throw tokenEndpointError(response.status, json, oauthUrl, credentials);
  return parseTokenResponse(json, mintedAt, response.status);
}

/** The reply's text, read up to `limit` bytes; `undefined` when it is larger (the rest is not read). */
async function readBounded(response: Response, limit: number): Promise<string | undefined> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > limit) {
    await response.body?.cancel().catch(() => {});
    return undefined;
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function malformed(status: number, why: string): ZoomAuthError {
  return new ZoomAuthError(
    "malformed_token_response",
    `Zoom's token endpoint answered ${status} with no usable token (${why}). Check that oauthUrl points at Zoom's token endpoint (https://zoom.us/oauth/token) and not at a proxy or the API host; nothing of the reply was stored.`,
  );
}

function parseTokenResponse(json: unknown, mintedAt: number, status: number): AccessToken {
  const record =
    typeof json === "object" && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : undefined;
  if (!record) throw malformed(status, "the reply is not a JSON object");
  const value = record.access_token;
  const expiresIn = record.expires_in;
  if (typeof value !== "string" || value.length === 0) throw malformed(status, "access_token is missing");
  if (value.length > MAX_TOKEN_LENGTH || !/^[\x21-\x7e]+$/.test(value)) {
    throw malformed(status, "access_token is not a token (too long, or not visible ASCII)");
  }
  if (
    typeof expiresIn !== "number" ||
    !Number.isSafeInteger(expiresIn) ||
    expiresIn < 1 ||
    expiresIn > MAX_EXPIRES_IN_SECONDS
  ) {
    throw malformed(
      status,
      `expires_in must be a whole number of seconds from 1 to ${MAX_EXPIRES_IN_SECONDS}`,
    );
  }
  const scope = typeof record.scope === "string" ? record.scope : "";
  const apiUrl = typeof record.api_url === "string" ? record.api_url : undefined;
  return {
    value,
    fingerprint: fingerprint(value),
    mintedAt,
    expiresAt: mintedAt + expiresIn * 1000,
    generation: 0,
    scopes: scope.split(" ").filter(Boolean),
    ...(apiUrl ? { apiUrl } : {}),
  };
}

function tokenEndpointError(
  status: number,
  json: unknown,
  oauthUrl: string,
  credentials: ZoomCredentials,
): ZoomAuthError {
  const record = typeof json === "object" && json !== null ? (json as Record<string, unknown>) : {};
  const code = typeof record.code === "number" ? record.code : undefined;
  const reason =
    (typeof record.reason === "string" && record.reason) ||
    (typeof record.message === "string" && record.message) ||
    (typeof record.error === "string" && record.error) ||
    "no reason given";
  const who = `account ${credentials.accountId}, client ${credentials.clientId}, secret ${fingerprint(credentials.clientSecret)}`;
  if (
    (code !== undefined && CREDENTIAL_CODES.has(code)) ||
    status === 400 ||
    status === 401 ||
    status === 403
  ) {
    return new ZoomAuthError(
      "invalid_credentials",
      `Zoom refused the credentials (HTTP ${status}${code ? `, code ${code}` : ""}: ${reason}) for ${who}. Check the account id, client id and client secret of the Server-to-Server OAuth app in the Zoom Marketplace, and that the app is activated. zoomkit waits a cool-down before asking again, or asks at once when the client secret changes.`,
    );
  }
  return new ZoomAuthError(
    "token_endpoint_unavailable",
    `Zoom's token endpoint (${oauthUrl}) answered HTTP ${status}${code ? `, code ${code}` : ""}: ${reason}. This is usually temporary; the request will be tried again.`,
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Names a failure by its code (ECONNREFUSED...) or kind, never by its message: an injected fetch may
 * have put the URL or the request's headers (the client secret, in Basic auth) into it.
 */
function describe(error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError") return "timed out";
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: unknown } | null)?.code;
  if (typeof code === "string" && /^[A-Z0-9_]{1,40}$/.test(code)) return code;
  return error instanceof Error && /^[A-Za-z]{1,40}$/.test(error.name) ? error.name : "unknown error";
}
