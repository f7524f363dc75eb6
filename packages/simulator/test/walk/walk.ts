/**
 * The walk over every operation of the project's OpenAPI document: `call` sends a request, expects a
 * status and validates the body against the schema the document gives for that operation and status,
 * and records which operation answered with which status (the coverage check reads that).
 */
import { expect } from "vitest";
import type { ZoomSimulator } from "../../src/index.js";
import { api } from "../helpers.js";
import { OpenApiDocument } from "../openapi.js";

/**
 * Statuses the simulator sends that the document does not list per operation. The document defines
 * no 401 responses (every operation can answer 401 with code 124 or 4711); those bodies are checked
 * against its `Error` schema instead.
 */
const UNDOCUMENTED = new Set([401]);

export const doc = new OpenApiDocument();

export class Walk {
  /** `METHOD /template STATUS` for every answer checked. */
  readonly checked: string[] = [];
  token = "";
  readonly sim: ZoomSimulator;

  constructor(sim: ZoomSimulator) {
    this.sim = sim;
  }

  /** Calls the API and checks the answer against the document; returns the parsed body. */
  async call(
    method: string,
    path: string,
    expected: number,
    body?: unknown,
    token = this.token,
  ): Promise<Record<string, unknown>> {
    const response = await api(this.sim, method, path, { token, body });
    const text = await response.text();
    expect(response.status, `${method} ${path}: ${text.slice(0, 300)}`).toBe(expected);
    const op = doc.operation(method, path);
    expect(op, `the document has ${method} ${path}`).toBeDefined();
    const schema = UNDOCUMENTED.has(expected)
      ? doc.componentSchema("Error")
      : doc.responseSchema(op!, expected);
    expect(schema, `the document lists ${expected} for ${method} ${op!.template}`).not.toBeUndefined();
    this.checked.push(`${method} ${op!.template} ${expected}`);
    if (schema === null) {
      expect(text, `${method} ${path} ${expected} has no body`).toBe("");
      return {};
    }
    const json = JSON.parse(text) as Record<string, unknown>;
    const validate = doc.validator(schema!);
    expect(validate(json), `${method} ${path} ${expected}: ${JSON.stringify(validate.errors)}`).toBe(true);
    return json;
  }

  /** Operations of the document that never answered with a status of the given class ("2" or "4"). */
  missing(statusClass: string): string[] {
    const answered = new Set(
      this.checked
        .filter((c) => c.split(" ")[2]!.startsWith(statusClass))
        .map((c) => c.split(" ").slice(0, 2).join(" ")),
    );
    return doc.operations.map((op) => `${op.method} ${op.template}`).filter((op) => !answered.has(op));
  }
}
