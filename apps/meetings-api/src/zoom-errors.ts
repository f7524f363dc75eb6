/**
 * Zoom's answers and zoomkit's typed errors, mapped to clear HTTP answers for this API's callers.
 * Messages come from Zoom's error body or from zoomkit's errors, neither of which carries a secret or
 * a token; nothing else from upstream (headers, URLs) is passed through.
 */
import { getRateLimit, ZoomAuthError, ZoomConfigError, ZoomRequestError } from "@zoomkit/core";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** What this API answers. */
export interface HttpAnswer {
  status: ContentfulStatusCode;
  headers: Record<string, string>;
  body: { error: string; message: string; zoomCode?: number; details?: unknown };
}

/** What was asked of Zoom, to word the answer (a missing host is not a missing meeting). */
export type Subject = { kind: "meeting"; id: string } | { kind: "host"; id: string };

interface ZoomErrorBody {
  code?: number;
  message?: string;
  errors?: unknown;
}

const asErrorBody = (error: unknown): ZoomErrorBody =>
  typeof error === "object" && error !== null ? (error as ZoomErrorBody) : {};

/** Whole seconds until `epochMs`, at least 1; 1 for a time that is not a finite number (never `NaN`). */
const secondsUntil = (epochMs: number, now: number): number => {
  const seconds = Math.ceil((epochMs - now) / 1000);
  return Number.isFinite(seconds) ? Math.max(1, seconds) : 1;
};

/** Maps a non-2xx Zoom response (returned as a value by the client) to an answer. */
export function answerForZoomResponse(
  response: Response,
  error: unknown,
  subject: Subject,
  now: number = Date.now(),
): HttpAnswer {
  const body = asErrorBody(error);
  const zoomCode = typeof body.code === "number" ? body.code : undefined;
  const zoomMessage = typeof body.message === "string" ? body.message : undefined;
  const withCode = zoomCode === undefined ? {} : { zoomCode };

  // 429 (per-second or daily) or Zoom's HTTP 300 daily cap; a daily limit without a usable
  // Retry-After resets at the next 00:00 UTC, as Zoom's does.
  const rateLimit = getRateLimit(response, error);
  if (rateLimit) {
    const retryAfter = rateLimit.resetAt === undefined ? 1 : secondsUntil(rateLimit.resetAt.getTime(), now);
    const daily = rateLimit.type === "daily";
    return {
      status: 429,
      headers: { "Retry-After": String(retryAfter) },
      body: {
        error: daily ? "daily_limit" : "rate_limited",
        message: daily
          ? `Zoom's daily limit for this ${subject.kind === "host" ? "host" : "operation"} is reached; ` +
            `it resets in ${retryAfter} s${zoomMessage ? ` (Zoom: ${zoomMessage})` : ""}`
          : `Zoom's rate limit was hit; retry in ${retryAfter} s`,
        ...withCode,
      },
    };
  }
  if (response.status === 404 || zoomCode === 3001 || zoomCode === 1001) {
    const hostMissing = subject.kind === "host" || zoomCode === 1001;
    return {
      status: 404,
      headers: {},
      body: {
        error: hostMissing ? "host_not_found" : "meeting_not_found",
        message: hostMissing
          ? `Zoom has no user ${subject.id} on this account`
          : `meeting ${subject.id} does not exist or has expired`,
        ...withCode,
      },
    };
  }
  if (response.status === 400) {
    return {
      status: 400,
      headers: {},
      body: {
        error: "rejected_by_zoom",
        message: zoomMessage ?? "Zoom rejected the request",
        ...withCode,
        ...(body.errors === undefined ? {} : { details: body.errors }),
      },
    };
  }
  return {
    status: 502,
    headers: {},
    body: {
      error: "upstream_error",
      message: `Zoom answered ${response.status}${zoomMessage ? `: ${zoomMessage}` : ""}`,
      ...withCode,
    },
  };
}

/** Maps an error thrown by the Zoom client to an answer; `undefined` for errors that are not zoomkit's. */
export function answerForThrown(
  error: unknown,
  method: string,
  now: number = Date.now(),
): HttpAnswer | undefined {
  if (error instanceof ZoomAuthError) {
    const retryHeaders: Record<string, string> =
      error.retryAt === undefined ? {} : { "Retry-After": String(secondsUntil(error.retryAt, now)) };
    switch (error.code) {
      case "app_rejected":
        return {
          status: 503,
          headers: retryHeaders,
          body: { error: "zoom_app_rejected", message: error.message },
        };
      case "invalid_credentials":
        // Not transient: the deployment's credentials are wrong. No Retry-After, an operator must act.
        return {
          status: 503,
          headers: {},
          body: { error: "zoom_credentials_invalid", message: error.message },
        };
      case "mint_budget_exhausted":
        return {
          status: 503,
          headers: retryHeaders,
          body: { error: "zoom_token_budget", message: error.message },
        };
      case "store_misconfigured":
        return { status: 500, headers: {}, body: { error: "store_misconfigured", message: error.message } };
      default:
        return {
          status: 502,
          headers: retryHeaders,
          body: { error: "zoom_unavailable", message: error.message },
        };
    }
  }
  if (error instanceof ZoomConfigError) {
    // The deployment's Zoom options cannot work (an unusable clientSecret function): an operator must act.
    return { status: 503, headers: {}, body: { error: "zoom_misconfigured", message: error.message } };
  }
  if (error instanceof ZoomRequestError) {
    if (error.code === "invalid_path_parameter") {
      return { status: 400, headers: {}, body: { error: "invalid_request", message: error.message } };
    }
    const unknownOutcome =
      method === "POST"
        ? " The outcome is unknown: the meeting may have been created; list before retrying."
        : "";
    return error.code === "timeout"
      ? {
          status: 504,
          headers: {},
          body: { error: "zoom_timeout", message: `${error.message}.${unknownOutcome}` },
        }
      : {
          status: 502,
          headers: {},
          body: { error: "zoom_unreachable", message: `${error.message}.${unknownOutcome}` },
        };
  }
  return undefined;
}
