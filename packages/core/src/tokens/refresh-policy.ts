/**
 * When a token should be refreshed, and until when it may be used (DESIGN.md "Refresh ahead"; the
 * shape follows Azure's token cycler: refresh early in the background, block only at the very end).
 */

/** At most this long before expiry is a token refreshed ahead (for long lifetimes). */
const MAX_REFRESH_WINDOW_MS = 5 * 60_000;
/** Otherwise this share of the lifetime. */
const REFRESH_SHARE = 0.1;
/** A configured window is at most this share of the lifetime. */
const MAX_CONFIGURED_SHARE = 0.5;
/** A token this close to expiry is not handed out at all: a request needs time to reach Zoom. */
const MAX_SAFETY_MARGIN_MS = 10_000;
const SAFETY_SHARE = 0.02;

/** The two moments that matter for a cached token. */
export interface RefreshTimes {
  /** From here on, one process refreshes in the background while everyone keeps using the token. */
  readonly refreshAt: number;
  /** From here on, the token is unusable and callers block until a new one is there. */
  readonly usableUntil: number;
}

/**
 * Refresh when less than min(5 min, 10 % of the lifetime) is left (or `windowMs`, when configured), earlier by a jitter of up to half
 * that window. The jitter is derived from the token's fingerprint, so every process holding the same
 * token agrees on the moment (they meet at the lease) while different credentials spread out.
 */
export function refreshTimes(
  token: { expiresAt: number; mintedAt: number; fingerprint: string },
  windowMs?: number,
): RefreshTimes {
  const lifetime = Math.max(0, token.expiresAt - token.mintedAt);
  // A configured window is capped at half the lifetime: a token is never due for refresh as it arrives.
  const window = Math.min(
    lifetime * MAX_CONFIGURED_SHARE,
    windowMs ?? Math.min(MAX_REFRESH_WINDOW_MS, lifetime * REFRESH_SHARE),
  );
  const margin = Math.min(MAX_SAFETY_MARGIN_MS, lifetime * SAFETY_SHARE);
  const jitter = jitterFraction(token.fingerprint) * (window / 2);
  const usableUntil = token.expiresAt - margin;
  return { refreshAt: Math.min(usableUntil, token.expiresAt - window - jitter), usableUntil };
}

/** A number in [0, 1) from the first 8 hex digits of a fingerprint. */
export function jitterFraction(fingerprint: string): number {
  const n = Number.parseInt(fingerprint.slice(0, 8), 16);
  return Number.isFinite(n) ? n / 0x1_0000_0000 : 0;
}
