/**
 * Request bodies checked Zoom's way: a JSON object (http.ts), then a zod schema whose problems become
 * 400 `{ code: 300, message: "Validation Failed.", errors: [{ field, message }] }`, one entry per field.
 * Unknown fields are ignored (schemas are loose), as Zoom ignores them.
 */
import type { z } from "zod";
import { BodyProblem, type FieldError, readJsonObject, type SimContext, zoomError } from "./http.js";

export type Checked<T> = { ok: true; value: T } | { ok: false; response: Response };

/** One entry per field, as Zoom lists them (zod may report several rules broken by one value). */
export function fieldErrors(error: z.ZodError): FieldError[] {
  const byField = new Map<string, FieldError>();
  for (const issue of error.issues) {
    const field = issue.path.join(".");
    if (!byField.has(field)) byField.set(field, { field, message: issue.message });
  }
  return [...byField.values()];
}

export function validationFailed(c: SimContext, errors: FieldError[]): Response {
  return zoomError(c, 400, 300, "Validation Failed.", errors);
}

/** Checks a value (a parsed body or the query) against a schema. */
export function check<T>(c: SimContext, schema: z.ZodType<T>, value: unknown): Checked<T> {
  const result = schema.safeParse(value);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, response: validationFailed(c, fieldErrors(result.error)) };
}

/** Reads the JSON body and checks it against a schema. */
export async function readBody<T>(c: SimContext, max: number, schema: z.ZodType<T>): Promise<Checked<T>> {
  const body = await readJsonObject(c, max);
  if (body instanceof BodyProblem) return { ok: false, response: body.respond(c) };
  return check(c, schema, body);
}
