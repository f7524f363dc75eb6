import { createHash } from "node:crypto";

/** A short, non-reversible fingerprint (first 12 hex chars of SHA-256), safe to log. */
export function fingerprint(...parts: string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\u0000");
  return hash.digest("hex").slice(0, 12);
}
