/**
 * Zoom's per-host cap on creating and updating meetings (FACTS.md: 100 a day per host, reset 00:00
 * UTC), counted across the fleet in the store, one counter per host and UTC day that creates and
 * updates share: the call past the cap is refused before it is sent. A create's host is the `userId` of
 * its path as the caller wrote it (an id and an e-mail address of one host count apart). An update
 * (`PATCH /meetings/{meetingId}`) does not name its host: it counts against the host the fleet created
 * the meeting for (meeting-hosts.ts); an update of a meeting the fleet did not create is not counted
 * here, and Zoom's own answer still tells.
 */
import type { RateLimitCategory } from "../operations.js";
import type { Call } from "../pipeline/attempt.js";
import type { TokenStore } from "../stores/contract.js";
import { fingerprint } from "../tokens/fingerprint.js";
import { createMeetingHosts } from "./meeting-hosts.js";
import { refusalResponse } from "./refusal.js";

/** Long enough for one UTC day, whatever the clocks: each day has its own key anyway. */
const WINDOW_MS = 26 * 3_600_000;

/** The operations Zoom counts against a host's daily cap (FACTS.md: create and update meeting). */
const CAPPED_OPERATIONS: ReadonlySet<string> = new Set(["meetingCreate", "meetingUpdate"]);

/** A path segment as the caller meant it (a malformed escape is kept as written). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The host of a create-meeting URL (`.../users/{userId}/meetings`), or `undefined`. */
export function createMeetingHost(url: string): string | undefined {
  const match = /\/users\/([^/?#]+)\/meetings(?:[?#]|$)/.exec(url);
  return match ? decodeSegment(match[1]!).toLowerCase() : undefined;
}

/** The meeting id of an update-meeting URL (`.../meetings/{meetingId}`), or `undefined`. */
export function updatedMeetingId(url: string): string | undefined {
  const match = /\/meetings\/([^/?#]+)(?:[?#]|$)/.exec(url);
  return match ? decodeSegment(match[1]!) : undefined;
}

/** The next 00:00 UTC after `now`. */
function nextUtcMidnight(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}

/** The pacer's daily cap. */
export interface DailyCap {
  /** True for an operation the cap counts. */
  counts(operationId: string): boolean;
  /** Counts the call against its host's day: `undefined` to send it, or the 429 to return instead. */
  check(call: Call, operationId: string, category: RateLimitCategory): Promise<Response | undefined>;
  /** After an answer: a created meeting's host is remembered, so its updates count against it. */
  learn(call: Call, response: Response): void;
}

/**
 * The daily cap of `cap` calls per host under `keyBase`. Hosts reach the store only as fingerprints:
 * an e-mail address never does.
 */
export function createDailyCap(store: TokenStore, keyBase: string, cap: number, now: () => number): DailyCap {
  const meetingHosts = createMeetingHosts(store, keyBase);

  const hostOf = async (call: Call, operationId: string): Promise<string | undefined> => {
    if (operationId === "meetingCreate") {
      const host = createMeetingHost(call.request.url);
      return host === undefined ? undefined : fingerprint(host);
    }
    const meetingId = updatedMeetingId(call.request.url);
    return meetingId === undefined ? undefined : meetingHosts.hostOf(meetingId);
  };

  return {
    counts: (operationId) => CAPPED_OPERATIONS.has(operationId),
    async check(call, operationId, category) {
      const at = now();
      let count: number;
      try {
        const host = await hostOf(call, operationId);
        if (host === undefined) return undefined;
        const day = new Date(at).toISOString().slice(0, 10);
        count = await store.recordEvent(`${keyBase}:day:${day}:${host}`, WINDOW_MS);
      } catch {
        // Without the store the count is unknown: send, and let Zoom's answer tell.
        return undefined;
      }
      if (count <= cap) return undefined;
      return refusalResponse({ type: "daily", category, limit: cap, resetAt: nextUtcMidnight(at), now: at });
    },
    learn(call, response) {
      if (response.status !== 201 || call.method !== "POST") return;
      const host = createMeetingHost(call.request.url);
      if (host !== undefined) meetingHosts.remember(response, fingerprint(host));
    },
  };
}
