/**
 * The limiter behind `takePermits`, as one pure step: GCRA (the generic cell rate algorithm), a token
 * bucket kept as a single number, the theoretical arrival time (TAT). The memory and Keyv stores run
 * this function; the Redis script (`take-permits.lua`) and the Postgres statement compute the same
 * thing from the same single number, so every store hands out permits alike.
 *
 * With `interval = 1 / ratePerSecond` and `capacity = burst * interval`: the bucket is full when
 * `tat <= now`; taking `n` permits moves `tat` to `max(tat, now) + n * interval`, allowed while the
 * new `tat` stays within `now + capacity`. So over any span `t`, at most `burst + rate * t` permits.
 * Nothing is read but the stored TAT, so a value that is not a number reads as 0 (a full bucket).
 */
import type { PermitGrant, PermitRate } from "./contract.js";

/** How far past `now + capacity` a stored TAT reads as corrupt (1 hour, in µs). */
export const CORRUPT_AHEAD_US = 3_600_000_000;

/** One step's outcome: the grant and the limiter's next state. */
export interface PermitStep extends PermitGrant {
  /** The next theoretical arrival time in µs (store it; rounded up, so rounding never over-grants). */
  readonly tatUs: number;
  /** How long the state matters (ms, at least 1): after that the bucket is full and the state can go. */
  readonly ttlMs: number;
}

/**
 * Takes up to `want` permits at `nowUs` from the limiter whose stored TAT is `tatUs` (0 or anything
 * in the past: full). All times in µs of one clock.
 */
export function takeFromBucket(tatUs: number, nowUs: number, want: number, rate: PermitRate): PermitStep {
  const interval = 1e6 / rate.ratePerSecond;
  const capacity = rate.burst * interval;
  // The TAT never moves back (a caller with an older clock must not refill the bucket for others),
  // except a value an hour past any TAT a rate could write: corrupt, it reads as a full bucket.
  const stored = tatUs > nowUs + capacity + CORRUPT_AHEAD_US ? 0 : tatUs;
  const base = Math.max(stored, nowUs);
  // Computed from the difference (small) rather than from epoch µs (1e15: a double's step there is
  // 0.25 µs), and the epsilon keeps 2.9999999 (float noise on an exact boundary) from losing a permit.
  const available = Math.max(0, Math.floor((capacity - (base - nowUs)) / interval + 1e-6));
  const granted = Math.min(want, available);
  const next = Math.ceil(base + granted * interval);
  const retryAfterMs =
    granted < want ? Math.max(1, Math.ceil((next + interval - capacity - nowUs) / 1000)) : 0;
  return { granted, retryAfterMs, tatUs: next, ttlMs: Math.max(1, Math.ceil((next - nowUs) / 1000)) };
}
