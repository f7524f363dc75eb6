/**
 * Argument checks before anything reaches Postgres: core's checks (shared by every store) plus what
 * this table needs. Keys and tags are text columns, which cannot hold NUL; values and holders are
 * opaque, so they travel as UTF-8 bytes (bytea) and may hold anything a well-formed string can.
 */
import { type ArgumentChecks, createArgumentChecks } from "@zoomkit/core";
import { PostgresStoreError } from "./errors.js";

/** Longest key: keys ride in NOTIFY payloads (8,000 bytes at most) and a btree index. */
export const MAX_KEY_LENGTH = 1_024;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface Validator extends ArgumentChecks {
  /** A tag: a string without NUL (a text column). */
  tag(operation: string, tag: unknown): string;
  /** The UTF-8 bytes of an opaque string; throws for a lone surrogate (it has no UTF-8 form). */
  encode(operation: string, name: string, text: unknown): Buffer;
}

/** The checks of the store named `label`; each throws `store_invalid_argument`. */
export function createValidator(label: string): Validator {
  const core = createArgumentChecks(label, PostgresStoreError);
  const invalid = (operation: string, what: string) =>
    new PostgresStoreError("store_invalid_argument", operation, `${label}: ${operation}: ${what}`);
  const noNul = (operation: string, name: string, text: string) => {
    if (text.includes("\u0000")) throw invalid(operation, `${name} must not contain NUL`);
    return text;
  };
  const key = (operation: string, value: unknown) => {
    const checked = noNul(operation, "key", core.key(operation, value));
    if (checked.length > MAX_KEY_LENGTH) {
      throw invalid(operation, `key must be 1 to ${MAX_KEY_LENGTH} characters`);
    }
    return checked;
  };
  return {
    ...core,
    key,
    lease(operation, lease) {
      const checked = core.lease(operation, lease);
      key(operation, checked.key);
      return checked;
    },
    tag: (operation, tag) => noNul(operation, "tag", core.text(operation, "tag", tag)),
    encode(operation, name, text) {
      if (typeof text !== "string" || LONE_SURROGATE.test(text)) {
        throw invalid(operation, `${name} must be a well-formed string`);
      }
      return Buffer.from(text, "utf8");
    },
  };
}
