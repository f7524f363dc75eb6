/**
 * `waitForChange`: a waiter ends when the record's generation differs from the one it holds (0 =
 * absent), on timeout, or on abort. It registers before its first look at the table, so a change
 * committed after that look is either seen by the look or announced by NOTIFY. Polling with backoff
 * covers the gaps: while the LISTEN connection is down it polls fast (25 ms doubling to 500 ms);
 * while it is up, once a second as a safety net, and right after the record's expiry (expiry makes a
 * record absent without any write, so nothing is announced).
 */
import type { Notifier } from "./notifier.js";

/** What a waiter needs to know about a key now. */
export interface Probe {
  /** Generation of the live record, 0 when absent. */
  readonly generation: number;
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

interface Waiter {
  readonly generation: number;
  finish(): void;
  check(): void;
}

const POLL_MIN_MS = 25;
const POLL_MAX_MS = 500;
const SAFETY_POLL_MS = 1_000;

export function createWaiters(
  probe: (key: string) => Promise<Probe>,
  notifier: Notifier | undefined,
): Waiters {
  const byKey = new Map<string, Set<Waiter>>();
  let closed = false;

  const wait = (key: string, generation: number, timeoutMs: number, signal?: AbortSignal) =>
    new Promise<void>((resolve) => {
      if (closed || signal?.aborted || !(timeoutMs > 0)) return resolve();
      let done = false;
      let checking = false;
      let again = false;
      let attempt = 0;
      let pollTimer: NodeJS.Timeout | undefined;

      const finish = () => {
        if (done) return;
        done = true;
        clearTimeout(deadline);
        clearTimeout(pollTimer);
        signal?.removeEventListener("abort", finish);
        const set = byKey.get(key);
        set?.delete(waiter);
        if (set?.size === 0) byKey.delete(key);
        notifier?.unhold();
        resolve();
      };

      const schedule = (expiresInMs: number | null) => {
        const base = notifier?.ready ? SAFETY_POLL_MS : Math.min(POLL_MIN_MS * 2 ** attempt++, POLL_MAX_MS);
        const delay = expiresInMs === null ? base : Math.min(base, Math.max(1, expiresInMs + 1));
        clearTimeout(pollTimer);
        pollTimer = setTimeout(check, delay);
      };

      // One look at a time; a request made during a look runs right after it (the look may be stale).
      const check = () => {
        if (done) return;
        if (checking) {
          again = true;
          return;
        }
        checking = true;
        again = false;
        probe(key).then(
          (state) => {
            checking = false;
            if (done) return;
            if (state.generation !== generation) return finish();
            if (again) return check();
            schedule(state.expiresInMs);
          },
          () => {
            // The store is unreachable: keep waiting (bounded by the timeout); the caller will see
            // the error on its next call.
            checking = false;
            if (done) return;
            if (again) return check();
            schedule(null);
          },
        );
      };

      const waiter: Waiter = { generation, finish, check };
      const deadline = setTimeout(finish, timeoutMs);
      signal?.addEventListener("abort", finish, { once: true });
      const set = byKey.get(key) ?? new Set<Waiter>();
      byKey.set(key, set);
      set.add(waiter);
      notifier?.hold();
      check();
    });

  return {
    wait,
    changed(key, generation) {
      for (const waiter of byKey.get(key) ?? []) if (waiter.generation !== generation) waiter.finish();
    },
    recheckAll() {
      for (const set of byKey.values()) for (const waiter of set) waiter.check();
    },
    close() {
      closed = true;
      for (const set of [...byKey.values()]) for (const waiter of [...set]) waiter.finish();
    },
  };
}
