/**
 * `ZOOMKIT_TOKEN_KEY`: the keys that seal token records in the store (AES-256-GCM, by `@zoomkit/core`).
 * Each is 32 bytes, as 64 hex characters or base64; several, comma-separated, rotate without a split
 * fleet: the first seals, every one opens. A shared store in real mode needs one, or it holds an
 * account-wide Zoom token in plaintext.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";

/** How to make a key, quoted in every message about one. */
export const MAKE_A_KEY = "make one with `openssl rand -base64 32`";

/** True when `text` is 32 bytes written as 64 hex characters or as base64 (padded or not, either alphabet). */
export function isTokenKey(text: string): boolean {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return true;
  if (!/^[A-Za-z0-9+/_-]{43}(=?)$/.test(text)) return false;
  return Buffer.from(text, "base64").length === 32;
}

/** `ZOOMKIT_TOKEN_KEY`: comma-separated keys, each checked; the value is never echoed. @default [] */
export const tokenKeysSchema = z
  .string()
  .default("")
  .transform((value) =>
    value
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== ""),
  )
  .refine((keys) => keys.every(isTokenKey), {
    message: `each key must be 32 bytes, as 64 hex characters or base64 (${MAKE_A_KEY})`,
  })
  .refine((keys) => new Set(keys).size === keys.length, { message: "a key is listed twice" });

/** A fresh key (base64 of 32 random bytes), for the embedded mode, which has nothing to share it with. */
export function generateTokenKey(): string {
  return randomBytes(32).toString("base64");
}
