/**
 * What the store keeps in Keyv, and how a value read back is checked. Anything that does not have
 * the expected shape (another app's value, a corrupt entry) reads as absent, so the next write from
 * generation 0 replaces it instead of wedging every caller.
 */

export interface StoredRecord {
  value: string;
  tag: string;
  generation: number;
  /** Epoch ms by the writer's clock (Keyv's ttl removes it too, when the backend supports it). */
  expiresAt: number;
}

export interface StoredLease {
  holder: string;
  fence: number;
  /** Epoch ms by this process's clock; Keyv's own ttl removes it too, when the backend supports it. */
  expiresAt: number;
}

export interface StoredEvents {
  /** Event times in epoch ms, oldest first. */
  times: number[];
  /** The longest window the series was recorded with: events are kept that long. */
  longestWindowMs: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;

/** The live record in `v`, or null when absent, expired by `now`, or not a record. */
export function asRecord(v: unknown, now: number): StoredRecord | null {
  if (!isObject(v) || typeof v.value !== "string" || typeof v.tag !== "string" || !isCount(v.generation)) {
    return null;
  }
  if (typeof v.expiresAt !== "number" || v.expiresAt <= now) return null;
  return { value: v.value, tag: v.tag, generation: v.generation, expiresAt: v.expiresAt };
}

export function asLease(v: unknown, now: number): StoredLease | null {
  if (!isObject(v) || typeof v.holder !== "string" || !isCount(v.fence) || typeof v.expiresAt !== "number") {
    return null;
  }
  return v.expiresAt > now ? { holder: v.holder, fence: v.fence, expiresAt: v.expiresAt } : null;
}

export function asEvents(v: unknown): StoredEvents | null {
  if (!isObject(v) || !Array.isArray(v.times) || typeof v.longestWindowMs !== "number") return null;
  const times = v.times.filter((t): t is number => typeof t === "number");
  return { times, longestWindowMs: v.longestWindowMs };
}

/** A limiter's theoretical arrival time in µs, or 0 (a full bucket) for anything else. */
export function asPermits(v: unknown): number {
  return isObject(v) && typeof v.tatUs === "number" && Number.isFinite(v.tatUs) ? v.tatUs : 0;
}

/** A generation high-water mark, or 0. */
export function asMark(v: unknown): number {
  return isCount(v) ? v : 0;
}

/** Events newer than `now - windowMs`. */
export function countSince(times: readonly number[], now: number, windowMs: number): number {
  let n = 0;
  for (let i = times.length - 1; i >= 0 && times[i]! > now - windowMs; i--) n++;
  return n;
}
