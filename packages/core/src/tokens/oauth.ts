/**
 * Zoom's Server-to-Server OAuth token endpoint: `POST {oauthUrl}` with
 * `grant_type=account_credentials&account_id=...` and HTTP Basic client credentials (FACTS.md,
 * "Token endpoint"). No refresh token exists: a new token is minted each time.
 */
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
  try {
    response = await options.fetch(oauthUrl, {
      method: "POST",
      headers: {
        authorization: `Basic ${basic}`,
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
      },
      body,
      signal: AbortSignal.any(signals),
    });
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw new ZoomAuthError(
      "token_endpoint_unavailable",
      `Could not reach Zoom's token endpoint (${oauthUrl}): ${describe(error)}. Check network access to it; the request will be tried again.`,
      { cause: error },
    );
  }
  const text = await response.text().catch(() => "");
  const json = parseJson(text);
  if (!response.ok) throw tokenEndpointError(response.status, json, oauthUrl, credentials);
  return parseTokenResponse(json, mintedAt, response.status);
}

function parseTokenResponse(json: unknown, mintedAt: number, status: number): AccessToken {
  const record = typeof json === "object" && json !== null ? (json as Record<string, unknown>) : undefined;
  const value = record?.access_token;
  const expiresIn = record?.expires_in;
  if (typeof value !== "string" || value.length === 0 || typeof expiresIn !== "number" || !(expiresIn > 0)) {
    throw new ZoomAuthError(
      "malformed_token_response",
      `Zoom's token endpoint answered ${status} without a usable access_token and expires_in. Check that oauthUrl points at Zoom's token endpoint (https://zoom.us/oauth/token) and not at a proxy or the API host.`,
    );
  }
  const scope = typeof record?.scope === "string" ? record.scope : "";
  const apiUrl = typeof record?.api_url === "string" ? record.api_url : undefined;
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

function describe(error: unknown): string {
  if (error instanceof Error) return error.name === "TimeoutError" ? "timed out" : error.message;
  return String(error);
}
