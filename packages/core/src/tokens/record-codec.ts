/**
 * The record format in the store: versioned JSON (`v`; see `decodeJson` for how versions mix), optionally sealed with AES-256-GCM so the store only
 * ever sees ciphertext. The store key is bound in as associated data, so a record copied under another
 * key does not open. Anything that does not decode is reported by the caller and replaced, never trusted.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { ZoomAuthError } from "../errors.js";
import { fingerprint } from "./fingerprint.js";
import type { AccessToken } from "./types.js";

const VERSION = 1;
const SEALED_PREFIX = "zk1.";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Turns tokens and small JSON documents into store values and back. */
export interface RecordCodec {
  /** True when values are encrypted. */
  readonly encrypted: boolean;
  encodeToken(token: AccessToken, key: string): string;
  /** The token, or `undefined` when the value is corrupt, foreign, or sealed with another key. */
  decodeToken(value: string, key: string): Omit<AccessToken, "generation"> | undefined;
  encodeJson(document: object, key: string): string;
  decodeJson(value: string, key: string): Record<string, unknown> | undefined;
}

/**
 * Creates the codec. `encryptionKey` is 32 bytes: a `Uint8Array`, 64 hex characters, or base64.
 * A key of any other size is a configuration error (`store_misconfigured`), reported at creation.
 */
export function createRecordCodec(encryptionKey?: string | Uint8Array): RecordCodec {
  const key = encryptionKey === undefined ? undefined : parseKey(encryptionKey);
  const seal = (plain: string, aad: string): string => {
    if (!key) return plain;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    cipher.setAAD(Buffer.from(aad));
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
  };
  const open = (value: string, aad: string): string | undefined => {
    if (!key) return value;
    if (!value.startsWith(SEALED_PREFIX)) return undefined;
    try {
      const raw = Buffer.from(value.slice(SEALED_PREFIX.length), "base64url");
      const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(aad));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        "utf8",
      );
    } catch {
      return undefined;
    }
  };
  const decodeJson = (value: string, aad: string): Record<string, unknown> | undefined => {
    const plain = open(value, aad);
    if (plain === undefined) return undefined;
    try {
      const parsed: unknown = JSON.parse(plain);
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
      const doc = parsed as Record<string, unknown>;
      // Newer releases only add fields under the same key (a changed meaning gets a new key), so a record
      // of a newer format is read for the fields this release knows: old and new processes share one
      // store during a rolling deploy.
      return Number.isSafeInteger(doc.v) && (doc.v as number) >= VERSION ? doc : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    encrypted: key !== undefined,
    encodeJson: (document, aad) => seal(JSON.stringify({ v: VERSION, ...document }), aad),
    decodeJson,
    encodeToken(token, aad) {
      const doc = { t: token.value, e: token.expiresAt, m: token.mintedAt, s: token.scopes, a: token.apiUrl };
      return seal(JSON.stringify({ v: VERSION, ...doc }), aad);
    },
    decodeToken(value, aad) {
      const doc = decodeJson(value, aad);
      if (!doc) return undefined;
      const { t, e, m, s, a } = doc;
      if (typeof t !== "string" || t.length === 0 || typeof e !== "number" || typeof m !== "number")
        return undefined;
      if (!Array.isArray(s) || !s.every((x) => typeof x === "string")) return undefined;
      return {
        value: t,
        fingerprint: fingerprint(t),
        expiresAt: e,
        mintedAt: m,
        scopes: s as string[],
        ...(typeof a === "string" ? { apiUrl: a } : {}),
      };
    },
  };
}

function parseKey(input: string | Uint8Array): Buffer {
  let key: Buffer | undefined;
  if (typeof input !== "string") key = Buffer.from(input);
  else if (/^[0-9a-fA-F]{64}$/.test(input)) key = Buffer.from(input, "hex");
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(input)) key = Buffer.from(input, "base64");
  if (key?.length !== 32) {
    throw new ZoomAuthError(
      "store_misconfigured",
      "encryptionKey must be 32 bytes: a Uint8Array, 64 hex characters, or base64 of 32 bytes (for example the output of `openssl rand -base64 32`).",
    );
  }
  return key;
}
