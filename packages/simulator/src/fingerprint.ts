import { createHash } from "node:crypto";

/** A short, non-reversible fingerprint (first 12 hex chars of SHA-256) that stands for a token or secret. */
export function fingerprint(value: string): string {
  return createHash("sha256").update(value).digest("hex").slice(0, 12);
}
