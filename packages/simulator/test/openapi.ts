/**
 * Reads the project's OpenAPI document by path (not as a package dependency) and validates response
 * bodies against the schema the document gives for an operation and status. OpenAPI 3.0 schemas are
 * turned into JSON Schema first: `$ref`s inlined, `nullable` turned into a `null` type.
 */
import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";

export const DOCUMENT_PATH = new URL("../../core/openapi/zoom-api.yaml", import.meta.url);

type Json = Record<string, unknown>;
const OPENAPI_ONLY = new Set([
  "example",
  "xml",
  "externalDocs",
  "discriminator",
  "readOnly",
  "writeOnly",
  "deprecated",
]);

export interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  responses: Json;
}

export class OpenApiDocument {
  private readonly doc: Json;
  private readonly ajv: Ajv;
  readonly operations: Operation[] = [];
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(path: URL = DOCUMENT_PATH) {
    this.doc = parse(readFileSync(path, "utf8")) as Json;
    this.ajv = new Ajv({ strict: true, allErrors: true });
    const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void;
    addFormats(this.ajv);
    // ajv-formats' `url` refuses private and loopback hosts by design; the simulator's URLs are loopback.
    this.ajv.addFormat("url", (value: string) => URL.canParse(value) && /^https?:\/\//.test(value));
    for (const [template, item] of Object.entries(this.doc.paths as Record<string, Json>)) {
      for (const [method, op] of Object.entries(item)) {
        if (typeof op !== "object" || op === null || !("responses" in op)) continue;
        const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
        this.operations.push({
          method: method.toUpperCase(),
          template,
          pattern,
          responses: (op as Json).responses as Json,
        });
      }
    }
  }

  /**
   * The operation for a request path below `/v2`, ignoring the query string. A literal segment wins over
   * a parameter, as in routing (`/users/email` is not `/users/{userId}`).
   */
  operation(method: string, path: string): Operation | undefined {
    const bare = path.split("?")[0]!;
    const params = (op: Operation) => (op.template.match(/\{/g) ?? []).length;
    return this.operations
      .filter((op) => op.method === method && op.pattern.test(bare))
      .sort((a, b) => params(a) - params(b))[0];
  }

  /** The JSON schema the document gives for a response, `null` for a documented response without a body. */
  responseSchema(op: Operation, status: number): Json | null | undefined {
    const response = op.responses[String(status)] as Json | undefined;
    if (!response) return undefined;
    const resolved = this.resolve(response) as Json;
    const content = resolved.content as Record<string, Json> | undefined;
    if (!content) return null;
    return this.toJsonSchema(content["application/json"]?.schema);
  }

  /** A component schema by name, as JSON Schema. */
  componentSchema(name: string): Json {
    return this.toJsonSchema({ $ref: `#/components/schemas/${name}` });
  }

  validator(schema: Json): ValidateFunction {
    const key = JSON.stringify(schema);
    let validate = this.cache.get(key);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.cache.set(key, validate);
    }
    return validate;
  }

  private resolve(node: unknown): unknown {
    if (typeof node !== "object" || node === null) return node;
    const ref = (node as Json).$ref;
    if (typeof ref !== "string") return node;
    let target: unknown = this.doc;
    for (const part of ref.replace(/^#\//, "").split("/")) {
      target = (target as Json)[part.replace(/~1/g, "/").replace(/~0/g, "~")];
      if (target === undefined) throw new Error(`Unresolvable $ref ${ref}`);
    }
    return this.resolve(target);
  }

  private toJsonSchema(node: unknown): Json {
    const convert = (value: unknown, depth: number): unknown => {
      if (depth > 50) throw new Error("Recursive schema: not supported by this transform");
      if (Array.isArray(value)) return value.map((v) => convert(v, depth + 1));
      if (typeof value !== "object" || value === null) return value;
      const resolved = this.resolve(value) as Json;
      const out: Json = {};
      for (const [key, v] of Object.entries(resolved)) {
        if (OPENAPI_ONLY.has(key) || key.startsWith("x-")) continue;
        out[key] =
          key === "properties" ? mapValues(v as Json, (p) => convert(p, depth + 1)) : convert(v, depth + 1);
      }
      if (out.nullable === true) {
        delete out.nullable;
        if (typeof out.type === "string") out.type = [out.type, "null"];
      } else delete out.nullable;
      return out;
    };
    return convert(node, 0) as Json;
  }
}

function mapValues(record: Json, fn: (value: unknown) => unknown): Json {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fn(v)]));
}
