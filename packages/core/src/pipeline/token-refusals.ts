/**
 * Answers that refuse the token: a 401 (the token provider decides: drop the token, mint, or diagnose
 * the app), and a missing scope (4711, with 400, 401 or 403), which concerns the operation only.
 */
import { raceAbort } from "../abort.js";
import { emit } from "../events.js";
import { MISSING_SCOPES_CODE } from "../missing-scopes.js";
import type { AccessToken, TokenProvider } from "../tokens/types.js";
import type { Call } from "./attempt.js";
import { type Pipeline, retrying, type Step } from "./steps.js";
import { parseZoomError, type ZoomErrorBody } from "./zoom-error.js";

/**
 * A 401 is handed to the token provider at most this many times per request, so a provider that
 * always answers with a new token cannot loop a request forever. Three: the first refusal (the token is
 * dropped), a retry token revoked by another process's newer mint (Zoom's invalidate-previous model),
 * and one more so the provider can give its diagnosis instead of a bare 401.
 */
const MAX_UNAUTHORIZED = 3;

/** 400 or 403: returned as it is, unless Zoom says the token lacks a scope (4711 comes with either). */
export async function afterClientError(
  call: Call,
  response: Response,
  token: AccessToken,
  pipeline: Pipeline,
): Promise<Step> {
  const body = await parseZoomError(response);
  if (body.code === MISSING_SCOPES_CODE) return afterMissingScopes(call, response, token, body, pipeline);
  accepted(pipeline.tokens, token);
  return { kind: "return", response };
}

/**
 * A missing scope (4711) concerns this operation only: the token is fine (Zoom read it to say so), the
 * app is not refused. The provider may give one fresh token to retry with (a scope granted since the
 * token was minted); otherwise the answer is returned as a value, its scopes named in the hook.
 */
async function afterMissingScopes(
  call: Call,
  response: Response,
  token: AccessToken,
  body: ZoomErrorBody,
  pipeline: Pipeline,
): Promise<Step> {
  accepted(pipeline.tokens, token);
  const { tokens } = pipeline;
  const detail = {
    status: response.status,
    zoomCode: MISSING_SCOPES_CODE,
    ...(body.message ? { message: body.message } : {}),
  };
  const next =
    call.scopeRetries === 0 && tokens.scopesMissing
      ? await raceAbort(tokens.scopesMissing(token, detail, { signal: call.signal }), call.signal)
      : undefined;
  call.scopeRetries += 1;
  emit(pipeline.hooks, "missingScopes", {
    method: call.method,
    path: call.path,
    status: response.status,
    scopes: body.missingScopes ?? [],
    willRetry: next !== undefined,
  });
  if (!next) return { kind: "return", response };
  retrying(call, response, pipeline, "scopes", 0);
  return { kind: "retry", delayMs: 0, token: next };
}

/** Tells the provider the API took `token` (not a 401). A throwing provider never breaks the request. */
export function accepted(tokens: TokenProvider, token: AccessToken): void {
  if (tokens.accepted === undefined) return;
  try {
    tokens.accepted(token);
  } catch {
    // ignored on purpose: the response is good whatever the provider makes of it
  }
}

/** 401: the provider decides (it may drop the token, mint, or diagnose an app rejection by throwing). */
export async function afterUnauthorized(
  call: Call,
  response: Response,
  token: AccessToken,
  pipeline: Pipeline,
): Promise<Step> {
  const body = await parseZoomError(response);
  if (body.code === MISSING_SCOPES_CODE) return afterMissingScopes(call, response, token, body, pipeline);
  call.unauthorized += 1;
  if (call.unauthorized > MAX_UNAUTHORIZED) return { kind: "return", response };
  const detail = { status: 401, ...(body.code === undefined ? {} : { zoomCode: body.code }) };
  // `attempt` counts this request's 401s (1 = the first), so earlier 429 or 5xx retries cannot use up
  // the provider's one-retry budget.
  const next = await raceAbort(
    pipeline.tokens.unauthorized(token, body.message ? { ...detail, message: body.message } : detail, {
      attempt: call.unauthorized,
      signal: call.signal,
    }),
    call.signal,
  );
  if (!next) return { kind: "return", response };
  retrying(call, response, pipeline, "unauthorized", 0);
  return { kind: "retry", delayMs: 0, token: next };
}
