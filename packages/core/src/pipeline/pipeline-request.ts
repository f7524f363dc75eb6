/**
 * The `Request` class zoomkit's openapi-fetch clients build their requests with (openapi-fetch's
 * `Request` option). It keeps the body as the caller's code gave it, so a retry sends that body again:
 * the alternative, a clone of every request made before its first send in case it is retried, tees
 * the body's stream, and that costs more CPU than the rest of the pipeline together. It also knows
 * whether anything can abort it.
 */

/** A body that `fetch` can be given again and sends the same bytes each time. */
export type ResendableBody = string | URLSearchParams | Blob | FormData;

export class PipelineRequest extends Request {
  /**
   * The body as given, for a retry to send again; `undefined` when there is no body or it cannot be
   * sent twice (a stream, or bytes the caller could change between attempts).
   */
  readonly resendBody: ResendableBody | undefined;
  /**
   * False when built from a URL without a signal: its own signal can then never abort, and the
   * pipeline spends no listener on it.
   */
  readonly abortable: boolean;

  // Not `RequestInfo`: that name is the DOM library's, absent from a consumer compiling with @types/node alone.
  constructor(input: string | URL | Request, init?: RequestInit) {
    super(input, init);
    this.abortable = init?.signal != null || input instanceof Request;
    // A request built from another one (`new PipelineRequest(url, request)` moves a request to another
    // host) takes its body over.
    let body: unknown;
    if (init instanceof PipelineRequest) body = init.resendBody;
    else if (init?.body !== undefined) body = init.body;
    else if (input instanceof PipelineRequest) body = input.resendBody;
    this.resendBody = isResendable(body) ? body : undefined;
  }
}

function isResendable(body: unknown): body is ResendableBody {
  return (
    typeof body === "string" ||
    body instanceof URLSearchParams ||
    body instanceof Blob ||
    body instanceof FormData
  );
}
