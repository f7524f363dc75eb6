/**
 * Zoom's per-host cap on creating and updating meetings (FACTS.md: 100 a day per host, reset 00:00
 * UTC), counted across the fleet in the store, one counter per host and UTC day: the call past the cap
 * is refused before it is sent. The host is the `userId` of the create path as the caller wrote it
 * (an id and an e-mail address of one host count apart); an update (`PATCH /meetings/{meetingId}`)
 * does not name its host, so it is not counted here, and Zoom's own answer still tells.
 */
import type { TokenStore } from "../stores/contract.js";
import { fingerprint } from "../tokens/fingerprint.js";

/** Long enough for one UTC day, whatever the clocks: each day has its own key anyway. */
const WINDOW_MS = 26 * 3_600_000;

/** The host of a create-meeting URL (`.../users/{userId}/meetings`), or `undefined`. */
export function createMeetingHost(url: string): string | undefined {
  const match = /\/users\/([^/?#]+)\/meetings(?:[?#]|$)/.exec(url);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!).toLowerCase();
  } catch {
    return match[1]!.toLowerCase();
  }
}

/** The next 00:00 UTC after `now`. */
export function nextUtcMidnight(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}

/**
 * Counts one create for `host` today; resolves true when it is within `cap`. The host is only
 * fingerprinted into the key: an e-mail address never reaches the store.
 */
export async function countCreate(
  store: TokenStore,
  keyBase: string,
  host: string,
  cap: number,
  now: number,
): Promise<boolean> {
  const day = new Date(now).toISOString().slice(0, 10);
  const count = await store.recordEvent(`${keyBase}:day:${day}:${fingerprint(host)}`, WINDOW_MS);
  return count <= cap;
}
