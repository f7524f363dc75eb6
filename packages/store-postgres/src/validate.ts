/**
 * Argument checks before anything reaches Postgres. Keys and tags are text columns, which cannot hold
 * NUL; values and holders are opaque, so they travel as UTF-8 bytes (bytea) and may hold anything a
 * well-formed string can.
 */
import { PostgresStoreError } from "./errors.js";

/** Longest key: keys ride in NOTIFY payloads (8,000 bytes at most) and a btree index. */
export const MAX_KEY_LENGTH = 1_024;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface Validator {
  /** Throws `store_invalid_argument` unless strings are NUL-free (keys 1..1,024 chars) and numbers finite, >= 0. */
  check(operation: string, fields: Record<string, unknown>): void;
  /** The UTF-8 bytes of an opaque string; throws for a lone surrogate (it has no UTF-8 form). */
  encode(operation: string, name: string, text: string): Buffer;
}

export function createValidator(label: string): Validator {
  const invalid = (operation: string, what: string) =>
    new PostgresStoreError("store_invalid_argument", `${label}: ${operation}: ${what}`, { operation });
  return {
    check(operation, fields) {
      for (const [name, value] of Object.entries(fields)) {
        if (typeof value === "string") {
          if (value.includes("\u0000")) throw invalid(operation, `${name} must not contain NUL`);
          if (name === "key" && (value.length === 0 || value.length > MAX_KEY_LENGTH)) {
            throw invalid(operation, `key must be 1 to ${MAX_KEY_LENGTH} characters`);
          }
        } else if (!(typeof value === "number" && Number.isFinite(value) && value >= 0)) {
          throw invalid(operation, `${name} must be a finite number, not negative`);
        }
      }
    },
    encode(operation, name, text) {
      if (typeof text !== "string" || LONE_SURROGATE.test(text)) {
        throw invalid(operation, `${name} must be a well-formed string`);
      }
      return Buffer.from(text, "utf8");
    },
  };
}
