/**
 * What a command prints: one line per check (or per fact), or one JSON document with `--json`. Every
 * string goes through `scrub`, which replaces the client secret, the token keys and any token value the
 * command handled: nothing the command builds names them, and this makes sure of it.
 */

/** The outcome of one check: `unknown` when it could not be checked (exit 2 unless something failed). */
export type CheckStatus = "pass" | "fail" | "skip" | "unknown";

export interface CheckResult {
  /** Stable id, e.g. `token-endpoint`. */
  readonly id: string;
  readonly status: CheckStatus;
  /** What was found, in one line. */
  readonly summary: string;
  /** For a failure (or an unknown): what to do, ending with the guide's section when there is one. */
  readonly fix?: string;
}

/** Where a command writes, and the strings it must never write. */
export interface Output {
  /** Adds a string that must never be printed (a token value, say). */
  conceal(secret: string | undefined): void;
  scrub(text: string): string;
  line(text: string): void;
  json(document: unknown): void;
  error(text: string): void;
}

export function createOutput(stdout: (text: string) => void, stderr: (text: string) => void): Output {
  const secrets = new Set<string>();
  const scrub = (text: string): string => {
    let out = text;
    // Longest first, so a secret that contains another is replaced whole.
    for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
      out = out.split(secret).join("[redacted]");
    }
    return out;
  };
  return {
    conceal(secret) {
      // A very short value would blank out ordinary words; real secrets and tokens are long.
      if (secret && secret.length >= 6) secrets.add(secret);
    },
    scrub,
    line: (text) => stdout(`${scrub(text)}\n`),
    json: (document) => stdout(`${scrub(JSON.stringify(document, null, 2))}\n`),
    error: (text) => stderr(`${scrub(text)}\n`),
  };
}

const LABEL: Record<CheckStatus, string> = {
  pass: "ok     ",
  fail: "FAIL   ",
  skip: "skip   ",
  unknown: "UNKNOWN",
};

/** `ok      store          redis ...: reachable` (and ` -> fix` for a failure), one line. */
export function formatCheck(check: CheckResult): string {
  const fix = check.fix ? ` -> ${check.fix}` : "";
  return `${LABEL[check.status]} ${check.id.padEnd(15)} ${check.summary}${fix}`;
}

/** 0: healthy; 1: something needs fixing; 2: something could not be checked (and nothing failed). */
export function exitCodeOf(checks: readonly CheckResult[]): 0 | 1 | 2 {
  if (checks.some((c) => c.status === "fail")) return 1;
  if (checks.some((c) => c.status === "unknown")) return 2;
  return 0;
}

/**
 * A moment for people: ISO time and how far from now. Past or future is decided on the exact difference,
 * not the rounded one: a token minted 400 ms ago is "0 s ago", never "in 0 s".
 */
export function when(at: number, now: number): string {
  const span = Math.round(Math.abs(at - now) / 1000);
  const text =
    span < 120 ? `${span} s` : span < 7200 ? `${Math.round(span / 60)} min` : `${Math.round(span / 3600)} h`;
  return `${new Date(at).toISOString()} (${at >= now ? `in ${text}` : `${text} ago`})`;
}
