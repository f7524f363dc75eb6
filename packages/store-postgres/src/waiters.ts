/**
 * `waitForChange`: a waiter ends when the record's generation differs from the one it holds (0 =
 * absent), on timeout, or on abort. It registers before its first look at the table, so a change
 * committed after that look is either seen by the look or announced by NOTIFY. Polling with backoff
 * covers the gaps: while the LISTEN connection is down it polls fast (25 ms doubling to 500 ms);
 * while it is up, once a second as a safety net, and right after the record's expiry (expiry makes a
 * record absent without any write, so nothing is announced). The waiting itself is core's
 * `waitForGeneration`; this module routes NOTIFY to the waiters of its key.
 */
import { createGenerationListeners, type GenerationProbe, waitForGeneration } from "@zoomkit/core";
import type { Notifier } from "./notifier.js";

/** What a waiter needs to know about a key now. */
export interface Probe extends GenerationProbe {
  /** Milliseconds until the live record expires (null when absent). */
  readonly expiresInMs: number | null;
}

export interface Waiters {
  wait(key: string, generation: number, timeoutMs: number, signal?: AbortSignal): Promise<void>;
  /** A committed change announced by NOTIFY. */
  changed(key: string, generation: number): void;
  /** Notifications may have been missed: every waiter looks again. */
  recheckAll(): void;
  /** Ends every waiter (resolves them). */
  close(): void;
}

const POLL_MIN_MS = 25;
const POLL_MAX_MS = 500;
const SAFETY_POLL_MS = 1_000;

export function createWaiters(
  probe: (key: string) => Promise<Probe>,
  notifier: Notifier | undefined,
): Waiters {
  const listeners = createGenerationListeners();
  const closing = new AbortController();
  const live = () => notifier?.ready ?? false;

  return {
    wait: (key, generation, timeoutMs, signal) => {
      return waitForGeneration({
        generation,
        timeoutMs,
        signal,
        closing: closing.signal,
        read: () => probe(key),
        notifications: {
          // Holding the notifier keeps the LISTEN connection open while anyone waits.
          subscribe: (listener) => {
            const remove = listeners.add(key, listener);
            notifier?.hold();
            return () => {
              remove();
              notifier?.unhold();
            };
          },
          live,
        },
        poll: { initialMs: POLL_MIN_MS, maxMs: POLL_MAX_MS, jitter: false },
        safetyPoll: { initialMs: SAFETY_POLL_MS, maxMs: SAFETY_POLL_MS, jitter: false },
        // The store is unreachable: keep waiting (bounded by the timeout); the caller will see the
        // error on its next call.
        onReadError: "retry",
      });
    },
    changed: (key, generation) => listeners.changed(key, generation),
    recheckAll: () => listeners.recheckAll(),
    close: () => closing.abort(),
  };
}
