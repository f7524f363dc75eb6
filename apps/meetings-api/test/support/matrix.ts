/**
 * What every bad-input matrix checks besides each input's documented answer: no 5xx, no secret in any
 * answer or output line, no error-level log line, and a count of the inputs tried per surface.
 */
import { createHash } from "node:crypto";
import { expect } from "vitest";

/** Asserts that `text` (an answer, or a process's whole output) contains none of `secrets`. */
export function expectNoSecrets(text: string, secrets: readonly string[], where: string): void {
  for (const secret of secrets) {
    if (secret.length < 8) throw new Error("a secret to look for must be at least 8 characters");
    expect(text.includes(secret), `${where} contains a secret (${secret.slice(0, 3)}...)`).toBe(false);
  }
}

/** pino levels: 50 error, 60 fatal. */
export function errorLines(logs: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return logs.filter((log) => typeof log.level === "number" && log.level >= 50);
}

/** Prints how many inputs a surface's matrix tried (the issue asks for the figure). */
export function reportMatrix(surface: string, tried: number): void {
  console.log(`bad-input matrix: ${surface}: ${tried} inputs`);
}

/** The simulator's fingerprint of a token (first 12 hex characters of SHA-256). */
const fingerprint = (value: string) => createHash("sha256").update(value).digest("hex").slice(0, 12);

/**
 * The simulator's tokens found in `text`: every run of 64 base64url characters (the simulator's token
 * shape) whose fingerprint is one the simulator minted.
 */
export function tokensIn(text: string, mintedFingerprints: readonly string[]): string[] {
  const minted = new Set(mintedFingerprints);
  const found: string[] = [];
  for (const [candidate] of text.matchAll(/(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{64}(?![A-Za-z0-9_-])/g)) {
    if (minted.has(fingerprint(candidate))) found.push(candidate);
  }
  return found;
}
