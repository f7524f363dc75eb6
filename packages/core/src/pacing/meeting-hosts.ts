/**
 * Which host a meeting belongs to, for the daily cap: an update (`PATCH /meetings/{meetingId}`) does not
 * name its host, so the fleet remembers, in the store, the host of every meeting it created (the
 * create's `userId` as a fingerprint, keyed by the new meeting's id). A meeting the fleet did not
 * create has no record: its updates are not counted (Zoom's own answer still tells).
 */
import type { TokenStore } from "../stores/contract.js";

/** How long a meeting's host is remembered: updates usually come within weeks of the create. */
export const MEETING_HOST_TTL_MS = 30 * 24 * 3_600_000;

/** Remembers the fleet's meetings' hosts, and waits for this process's own writes before a look-up. */
export interface MeetingHosts {
  /** After a create's 201: reads the new meeting's id from (a copy of) `response` and stores its host. */
  remember(response: Response, hostFingerprint: string): void;
  /** The host fingerprint of `meetingId`, or `undefined` when the fleet did not create it. */
  hostOf(meetingId: string): Promise<string | undefined>;
}

export function createMeetingHosts(store: TokenStore, keyBase: string): MeetingHosts {
  const keyOf = (meetingId: string | number) => `${keyBase}:meeting:${encodeURIComponent(String(meetingId))}`;
  // Writes still in flight: an update right after this process's create must find its host.
  const pending = new Set<Promise<void>>();

  const write = async (response: Response, hostFingerprint: string): Promise<void> => {
    const { id } = (await response.json()) as { id?: unknown };
    if (typeof id !== "number" && typeof id !== "string") return;
    // Set-if-absent: a meeting id names one meeting, whose host never changes.
    await store.compareAndSet(keyOf(id), 0, { value: hostFingerprint, tag: "host" }, MEETING_HOST_TTL_MS);
  };

  return {
    remember(response, hostFingerprint) {
      const task: Promise<void> = write(response.clone(), hostFingerprint)
        // Without the record the meeting's updates are not counted: Zoom's answer still tells.
        .catch(() => undefined)
        .then(() => {
          pending.delete(task);
        });
      pending.add(task);
    },
    async hostOf(meetingId) {
      if (pending.size > 0) await Promise.all(pending);
      return (await store.get(keyOf(meetingId)))?.value;
    },
  };
}
