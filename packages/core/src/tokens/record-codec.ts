/**
 * The record format in the store: versioned JSON (`v`; see `decodeJson` for how versions mix), optionally
 * sealed with AES-256-GCM (`key-ring.ts`) so the store only ever sees ciphertext. The store key is bound
 * in as associated data, so a record copied under another key does not open. Anything that does not
 * decode is reported by the caller and replaced, never trusted.
 */

import { fingerprint } from "./fingerprint.js";
import { createKeyRing, type EncryptionKeys } from "./key-ring.js";
import type { AccessToken } from "./types.js";

const VERSION = 1;

/** A token record that decoded; `stale` when an older key sealed it (the caller writes it again). */
export interface DecodedToken {
  readonly token: Omit<AccessToken, "generation">;
  readonly stale: boolean;
}

/** Turns tokens and small JSON documents into store values and back. */
export interface RecordCodec {
  /** True when values are encrypted. */
  readonly encrypted: boolean;
  encodeToken(token: AccessToken, key: string): string;
  /** The token, or `undefined` when the value is corrupt, foreign, or sealed with no key of the ring. */
  decodeToken(value: string, key: string): DecodedToken | undefined;
  encodeJson(document: object, key: string): string;
  decodeJson(value: string, key: string): Record<string, unknown> | undefined;
}

/**
 * Creates the codec. `encryptionKeys`: one 32-byte key (a `Uint8Array`, 64 hex characters, or base64),
 * or several (a list, or comma-separated): the first seals, all open. A key of any other size is a
 * configuration error (`store_misconfigured`), reported at creation.
 */
export function createRecordCodec(encryptionKeys?: EncryptionKeys): RecordCodec {
  const ring = encryptionKeys === undefined ? undefined : createKeyRing(encryptionKeys);
  const seal = (plain: string, aad: string): string => (ring ? ring.seal(plain, aad) : plain);
  const open = (value: string, aad: string) =>
    ring ? ring.open(value, aad) : { plain: value, stale: false };
  const parse = (
    value: string,
    aad: string,
  ): { doc: Record<string, unknown>; stale: boolean } | undefined => {
    const opened = open(value, aad);
    if (opened === undefined) return undefined;
    try {
      const parsed: unknown = JSON.parse(opened.plain);
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
      const doc = parsed as Record<string, unknown>;
      // Newer releases only add fields under the same key (a changed meaning gets a new key), so a record
      // of a newer format is read for the fields this release knows: old and new processes share one
      // store during a rolling deploy.
      return Number.isSafeInteger(doc.v) && (doc.v as number) >= VERSION
        ? { doc, stale: opened.stale }
        : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    encrypted: ring !== undefined,
    encodeJson: (document, aad) => seal(JSON.stringify({ v: VERSION, ...document }), aad),
    decodeJson: (value, aad) => parse(value, aad)?.doc,
    encodeToken(token, aad) {
      const doc = {
        t: token.value,
        e: token.expiresAt,
        m: token.mintedAt,
        s: token.scopes,
        a: token.apiUrl,
        b: token.mintedBy,
        r: token.replaces,
      };
      return seal(JSON.stringify({ v: VERSION, ...doc }), aad);
    },
    decodeToken(value, aad) {
      const parsed = parse(value, aad);
      if (!parsed) return undefined;
      const { t, e, m, s, a, b, r } = parsed.doc;
      if (typeof t !== "string" || t.length === 0 || typeof e !== "number" || typeof m !== "number")
        return undefined;
      if (!Array.isArray(s) || !s.every((x) => typeof x === "string")) return undefined;
      return {
        token: {
          value: t,
          fingerprint: fingerprint(t),
          expiresAt: e,
          mintedAt: m,
          scopes: s as string[],
          ...(typeof a === "string" ? { apiUrl: a } : {}),
          ...(typeof b === "string" && b.length <= 200 ? { mintedBy: b } : {}),
          ...(typeof r === "string" && r.length <= 64 ? { replaces: r } : {}),
        },
        stale: parsed.stale,
      };
    },
  };
}
