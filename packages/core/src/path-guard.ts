/**
 * Path parameters that would move a request to another endpoint are refused before anything is sent.
 * openapi-fetch fills `{userId}` with `encodeURIComponent(value)`, which leaves `.` and `..` as they are,
 * and `new URL` then resolves them as dot segments: `POST /users/{userId}/meetings` with `..` becomes
 * `POST /v2/meetings`, `DELETE /meetings/{meetingId}` with `..` becomes `DELETE /v2/`. An empty value
 * drops the segment (`/users//meetings`), and a missing one leaves `{userId}` in the URL.
 */
import type { Middleware } from "openapi-fetch";
import { ZoomRequestError } from "./errors.js";

const PLACEHOLDER = /\{([^{}]+)\}/g;

/** Placeholder names per path template, found once: templates are few, calls are many. */
const names = new Map<string, readonly string[]>();
/** Beyond this many templates (paths given to `request()` as any string), names are not kept. */
const MAX_TEMPLATES = 2_048;

function placeholders(schemaPath: string): readonly string[] {
  const known = names.get(schemaPath);
  if (known !== undefined) return known;
  const found = Array.from(schemaPath.matchAll(PLACEHOLDER), (match) => match[1] ?? "");
  if (names.size < MAX_TEMPLATES) names.set(schemaPath, found);
  return found;
}

/** Why `value` cannot fill a path segment, or `undefined` when it can. */
export function pathSegmentProblem(value: unknown): string | undefined {
  if (value === undefined || value === null) return "is missing";
  if (typeof value === "number") return Number.isFinite(value) ? undefined : "is not a finite number";
  if (typeof value !== "string") return `must be a string or a number (got ${typeof value})`;
  if (value === "") return "is empty";
  // Only the bare dot segments are resolved: `..%2F`, `%2E%2E` or `a..b` are encoded, so they stay inside the segment.
  if (value === "." || value === "..")
    return `is "${value}", which URL resolution treats as a directory step`;
  return undefined;
}

/**
 * The openapi-fetch middleware that refuses unusable path parameters with `ZoomRequestError`
 * (`invalid_path_parameter`, `attempts: 0`), before the request reaches the pipeline.
 *
 * @example
 * const client = createClient<paths>({ baseUrl, fetch });
 * client.use(pathParameterGuard);
 */
export const pathParameterGuard: Middleware = {
  onRequest({ schemaPath, params, request }) {
    const values = (params as { path?: Record<string, unknown> }).path ?? {};
    for (const name of placeholders(schemaPath)) {
      const problem = pathSegmentProblem(values[name]);
      if (problem === undefined) continue;
      // The value is not quoted beyond the dot segments: a path parameter may be a person's e-mail address.
      throw new ZoomRequestError(
        "invalid_path_parameter",
        `${request.method} ${schemaPath}: the path parameter ${name} ${problem}; nothing was sent.`,
        { method: request.method, path: schemaPath, attempts: 0 },
      );
    }
    return undefined;
  },
};
