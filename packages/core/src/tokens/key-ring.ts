/**
 * The encryption keys of the record codec, and AES-256-GCM sealing with them. Several keys rotate
 * without a split fleet: the first seals, every one opens. A rolling rotation lists `new,old` on the
 * processes as they restart; a process still on `old` (or `old,new`) opens what the others seal with
 * `new` as long as it lists `new` too, so the fleet keeps one token throughout. Store keys never depend
 * on these keys (see `keys.ts`), so the circuit and the mint budget stay shared as well.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { ZoomAuthError } from "../errors.js";

/** One key (32 bytes: a `Uint8Array`, 64 hex characters or base64), several as a list or comma-separated. */
export type EncryptionKeys = string | Uint8Array | readonly (string | Uint8Array)[];

const SEALED_PREFIX = "zk1.";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** What `open` found: the plaintext, and whether a key other than the sealing one opened it. */
export interface Opened {
  readonly plain: string;
  /** Sealed with an older key: write it again with the first key (reseal). */
  readonly stale: boolean;
}

/** Seals with the first key, opens with any. */
export interface KeyRing {
  /** How many keys open records. */
  readonly size: number;
  /** `plain` sealed with the first key, `aad` (the store key) bound in as associated data. */
  seal(plain: string, aad: string): string;
  /** The plaintext of a sealed value, or `undefined` when no key opens it (foreign, corrupt, moved, plaintext). */
  open(value: string, aad: string): Opened | undefined;
}

/**
 * Creates the key ring. Refuses (`store_misconfigured`) an empty list or a key of the wrong size,
 * naming its position, never its value.
 *
 * @example
 * const ring = createKeyRing(process.env.ZOOMKIT_TOKEN_KEY ?? ""); // "new,old": new seals, both open
 */
export function createKeyRing(input: EncryptionKeys): KeyRing {
  const keys = listKeys(input).map(parseKey);
  if (keys.length === 0) throw misconfigured("encryptionKey lists no key.");
  const [sealing] = keys as [Buffer, ...Buffer[]];
  return {
    size: keys.length,
    seal(plain, aad) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", sealing, iv);
      cipher.setAAD(Buffer.from(aad));
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
    },
    open(value, aad) {
      if (!value.startsWith(SEALED_PREFIX)) return undefined;
      const raw = Buffer.from(value.slice(SEALED_PREFIX.length), "base64url");
      if (raw.length < IV_BYTES + TAG_BYTES) return undefined;
      // The format carries no key id (older releases read it as it is): the authentication tag tells
      // which key sealed it, and a wrong key costs one failed check.
      for (const [index, key] of keys.entries()) {
        const plain = tryOpen(key, raw, aad);
        if (plain !== undefined) return { plain, stale: index > 0 };
      }
      return undefined;
    },
  };
}

function tryOpen(key: Buffer, raw: Buffer, aad: string): string | undefined {
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    return undefined;
  }
}

/** A list as it is; a string split at commas (base64 and hex have none), blanks dropped. */
function listKeys(input: EncryptionKeys): (string | Uint8Array)[] {
  if (typeof input === "string")
    return input
      .split(",")
      .map((part) => part.trim())
      .filter((part) => part !== "");
  if (input instanceof Uint8Array) return [input];
  if (!Array.isArray(input))
    throw misconfigured("encryptionKey must be a string, a Uint8Array or a list of them.");
  return [...input];
}

function parseKey(input: string | Uint8Array, index: number): Buffer {
  let key: Buffer | undefined;
  if (input instanceof Uint8Array) key = Buffer.from(input);
  else if (typeof input !== "string") key = undefined;
  else if (/^[0-9a-fA-F]{64}$/.test(input)) key = Buffer.from(input, "hex");
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(input)) key = Buffer.from(input, "base64");
  if (key?.length !== 32) {
    throw misconfigured(
      `encryptionKey${index > 0 ? ` (key ${index + 1} of the list)` : ""} must be 32 bytes: a Uint8Array, 64 hex characters, or base64 of 32 bytes (for example the output of \`openssl rand -base64 32\`).`,
    );
  }
  return key;
}

const misconfigured = (message: string) => new ZoomAuthError("store_misconfigured", message);
