/**
 * How an attempt goes out: the caller's request with this attempt's bearer token and signal, without
 * zoomkit's own header. Two ways, the same request on the wire:
 *
 * - With the platform's `fetch`, the caller's request itself, the attempt's signal (and on a retry, the
 *   body again) given in `init`. The token is on the caller's request only while `fetch()` runs: it
 *   copies the request before it returns, so the caller's request never keeps the token. No second
 *   `Request` and no clone: they were most of the pipeline's CPU per call.
 * - With an injected `fetch`, which may only read the request it is given, a copy carrying the signal.
 */
import type { AccessToken } from "../tokens/types.js";
import type { Call } from "./attempt.js";
import { RETRY_HEADER } from "./retry-policy.js";

/** The pipeline's fetch; `init` is given only to the platform's own. */
export type PipelineFetch = (request: Request, init?: RequestInit) => Promise<Response>;

const AUTHORIZATION = "authorization";

/** Sends this attempt of `call` with `token`, aborted by `signal`. */
export function sendAttempt(
  call: Call,
  token: AccessToken,
  signal: AbortSignal,
  fetch: PipelineFetch,
): Promise<Response> {
  return call.inPlace ? sendInPlace(call, token, signal, fetch) : fetch(attemptCopy(call, token, signal));
}

function sendInPlace(call: Call, token: AccessToken, signal: AbortSignal, fetch: PipelineFetch) {
  const { request, retryHeader, resendBody } = call;
  const { headers } = request;
  const previous = headers.get(AUTHORIZATION);
  headers.set(AUTHORIZATION, `Bearer ${token.value}`);
  if (retryHeader !== null) headers.delete(RETRY_HEADER);
  try {
    // The first send used the request's body up: a retry gives it again.
    return fetch(
      request,
      call.attempt > 1 && resendBody !== undefined ? { signal, body: resendBody } : { signal },
    );
  } finally {
    if (previous === null) headers.delete(AUTHORIZATION);
    else headers.set(AUTHORIZATION, previous);
    if (retryHeader !== null) headers.set(RETRY_HEADER, retryHeader);
  }
}

/** This attempt's copy of the caller's request: its own signal, this token, no zoomkit header. */
function attemptCopy(call: Call, token: AccessToken, signal: AbortSignal): Request {
  const { request, resendBody } = call;
  let attempt: Request;
  // Without a body a copy shares nothing that a send could use up. With one, the first copy takes the
  // request's body and a retry's is given it again; a body that cannot be given twice is cloned first.
  if (request.body === null) attempt = new Request(request, { signal });
  else if (resendBody === undefined) attempt = new Request(request.clone(), { signal });
  else attempt = new Request(request, call.attempt > 1 ? { signal, body: resendBody } : { signal });
  attempt.headers.set(AUTHORIZATION, `Bearer ${token.value}`);
  attempt.headers.delete(RETRY_HEADER);
  return attempt;
}
