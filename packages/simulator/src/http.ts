/**
 * Shared HTTP pieces: the Hono environment type, Zoom-shaped error answers and request body reading.
 * Zoom's API error body is `{ code, message }`, plus `errors: [{ field, message }]` for validation.
 */
import type { HttpBindings } from "@hono/node-server";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppState, TokenRecord } from "./state/token-registry.js";

/** Per-request values set by the route chain. */
export interface SimVariables {
  /** Operation id, as in the OpenAPI document (`meetingCreate`, `oauthToken`, ...). */
  operation: string;
  /** Set when a fault destroyed the connection; nothing was answered. */
  dropped: boolean;
  token: TokenRecord;
  app: AppState;
}

export interface SimEnv {
  Bindings: HttpBindings;
  Variables: SimVariables;
}

export type SimContext = Context<SimEnv>;

/** A refusal from the token endpoint: OAuth's `{ reason, error }` body plus Zoom's numeric `code` (4700-4799). */
export interface OAuthRefusal {
  status: ContentfulStatusCode;
  code: number;
  error: string;
  reason: string;
}

/** One field-level validation problem, as Zoom lists them. */
export interface FieldError {
  field: string;
  message: string;
}

export function zoomError(
  c: SimContext,
  status: ContentfulStatusCode,
  code: number,
  message: string,
  errors?: FieldError[],
): Response {
  return c.json(errors ? { code, message, errors } : { code, message }, status);
}

/** A request body that could not be used, with the answer to send instead. */
export class BodyProblem {
  readonly respond: (c: SimContext) => Response;
  constructor(respond: (c: SimContext) => Response) {
    this.respond = respond;
  }
}

function tooLarge(max: number): BodyProblem {
  return new BodyProblem((ctx) =>
    zoomError(ctx, 413, 300, `Request body is larger than the ${max} bytes allowed.`),
  );
}

/**
 * Reads the body as text, at most `max` bytes, straight from Node's request stream (cheaper than
 * building a web `Request` body). A declared `content-length` over the limit is refused before reading;
 * a chunked body is counted as it streams, and once too big the rest is discarded unread.
 */
export async function readText(c: SimContext, max: number): Promise<string | BodyProblem> {
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > max) return tooLarge(max);
  const incoming = c.env.incoming;
  if (incoming.readableEnded) return "";
  const text = await new Promise<string | undefined>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      incoming.off("data", onData);
      incoming.off("end", onEnd);
      incoming.off("error", onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > max) {
        cleanup();
        // Keep the stream flowing with no listener: Node discards the rest, the answer can still go out.
        incoming.resume();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks).toString("utf8"));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    incoming.on("data", onData);
    incoming.on("end", onEnd);
    incoming.on("error", onError);
  });
  return text ?? tooLarge(max);
}

/**
 * Reads a JSON object body. An empty body counts as `{}`; a non-JSON content type, malformed JSON or
 * anything but an object is refused the way Zoom refuses it (400, code 300), before any handler runs.
 */
export async function readJsonObject(
  c: SimContext,
  max: number,
): Promise<Record<string, unknown> | BodyProblem> {
  const text = await readText(c, max);
  if (text instanceof BodyProblem) return text;
  if (text.trim() === "") return {};
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    return new BodyProblem((ctx) =>
      zoomError(ctx, 415, 300, `Unsupported content type: ${type || "none"}. Send application/json.`),
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return new BodyProblem((ctx) => zoomError(ctx, 400, 300, "Request Body should be a valid JSON object."));
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return new BodyProblem((ctx) => zoomError(ctx, 400, 300, "Request Body should be a valid JSON object."));
  }
  return parsed as Record<string, unknown>;
}
