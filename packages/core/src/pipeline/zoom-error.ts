/**
 * Zoom's error body: `{ code, message }`, plus `errors: [{ field, message }]` on validation failures
 * (FACTS.md, "Errors and 401"). Bodies are not always JSON (gateways answer with text or HTML) and are
 * sometimes empty, so every shape is accepted and none throws.
 */
import { MISSING_SCOPES_CODE, parseMissingScopes } from "../missing-scopes.js";

/** One field-level validation error. */
export interface ZoomFieldError {
  field?: string;
  message: string;
}

/** A Zoom error body, normalised. */
export interface ZoomErrorBody {
  /** What the body was: Zoom's JSON, something else (text, HTML), or nothing. */
  format: "json" | "text" | "empty";
  /** Zoom's numeric error code (124 invalid token, 3001 meeting not found, 4711 missing scopes...). */
  code?: number;
  /** Zoom's message. */
  message?: string;
  /** Field-level errors of a validation failure. */
  errors?: ZoomFieldError[];
  /** The body as received, when it was not JSON. */
  text?: string;
  /** With code 4711: the scopes the token lacks, as Zoom named them. */
  missingScopes?: string[];
}

/**
 * Normalises a Zoom error body.
 *
 * Pass the `Response` (its body is read from a clone, so the response stays readable) or what
 * openapi-fetch returned as `error` (parsed JSON, or the text when the body was not JSON).
 *
 * @example
 * const { error, response } = await zoom.DELETE("/meetings/{meetingId}", { params: { path: { meetingId } } });
 * if (response.status === 404 && parseZoomError(error).code === 3001) console.log("already gone");
 */
export function parseZoomError(response: Response): Promise<ZoomErrorBody>;
export function parseZoomError(body: unknown): ZoomErrorBody;
export function parseZoomError(input: unknown): ZoomErrorBody | Promise<ZoomErrorBody> {
  if (input instanceof Response) {
    if (input.bodyUsed) return Promise.resolve({ format: "empty" });
    return input
      .clone()
      .text()
      .then(fromText, () => ({ format: "empty" }) as const);
  }
  if (typeof input === "string") return fromText(input);
  if (input === undefined || input === null) return { format: "empty" };
  return fromJson(input);
}

function fromText(text: string): ZoomErrorBody {
  if (text.trim() === "") return { format: "empty" };
  try {
    return fromJson(JSON.parse(text));
  } catch {
    return { format: "text", text };
  }
}

function fromJson(value: unknown): ZoomErrorBody {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { format: "json" };
  const body = value as Record<string, unknown>;
  const result: ZoomErrorBody = { format: "json" };
  const code = toCode(body.code);
  if (code !== undefined) result.code = code;
  if (typeof body.message === "string") result.message = body.message;
  if (Array.isArray(body.errors)) result.errors = body.errors.flatMap(toFieldError);
  if (code === MISSING_SCOPES_CODE) result.missingScopes = parseMissingScopes(result.message);
  return result;
}

function toCode(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

function toFieldError(value: unknown): ZoomFieldError[] {
  if (typeof value !== "object" || value === null) return [];
  const entry = value as Record<string, unknown>;
  if (typeof entry.message !== "string") return [];
  return [
    typeof entry.field === "string"
      ? { field: entry.field, message: entry.message }
      : { message: entry.message },
  ];
}
