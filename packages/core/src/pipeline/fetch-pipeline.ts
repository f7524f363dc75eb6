/**
 * The request pipeline, beneath openapi-fetch: every attempt on a fresh clone of the request, the
 * bearer token set per attempt, a timeout on every attempt, and one retry after a 401.
 */
import { ZoomRequestError } from "../errors.js";
import type { ZoomHooks } from "../events.js";
import type { TokenProvider } from "../tokens/types.js";

export interface PipelineOptions {
  fetch: typeof fetch;
  tokens: TokenProvider;
  /** Per-attempt timeout. @default 30_000 */
  timeoutMs?: number;
  hooks?: ZoomHooks;
}

/** A `fetch` for openapi-fetch that applies the pipeline rules. */
export function createPipelineFetch(options: PipelineOptions): (input: Request) => Promise<Response> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return async (request: Request) => {
    const path = new URL(request.url).pathname;
    let token = await options.tokens.getToken({ signal: request.signal });
    for (let attempt = 1; ; attempt++) {
      const attemptRequest = new Request(request.clone(), {
        signal: AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]),
      });
      attemptRequest.headers.set("authorization", `Bearer ${token.value}`);
      let response: Response;
      try {
        response = await options.fetch(attemptRequest);
      } catch (error) {
        if (request.signal.aborted) throw request.signal.reason;
        throw new ZoomRequestError(
          "network",
          `${request.method} ${path} failed: ${error instanceof Error ? error.message : String(error)}`,
          { method: request.method, path, attempts: attempt },
          { cause: error },
        );
      }
      if (response.status !== 401) return response;
      const next = await options.tokens.unauthorized(
        token,
        { status: 401 },
        { attempt, signal: request.signal },
      );
      if (!next) return response;
      await response.body?.cancel();
      token = next;
    }
  };
}
