/**
 * `waitForChange`: wake when the record's generation differs from the one the caller saw. Pub/sub
 * messages trigger a re-read (a message is a hint, the record is the truth); expiry publishes
 * nothing, so the waiter also re-reads when the record's time-to-live runs out; and a slow poll with
 * backoff covers messages lost while the subscriber reconnects. Without pub/sub it polls with
 * backoff. Never a busy loop: every re-read is either a message or a timer of at least 50 ms.
 */

/** What a waiter needs from the store. */
export interface WaitContext {
  /** The live generation at `key` (0: absent) and the record's remaining time-to-live in ms. */
  read(key: string): Promise<{ generation: number; pttl: number }>;
  /** Subscribes to `key`'s changes; `undefined` when pub/sub is unavailable. */
  listen(key: string, onMessage: () => void): Promise<(() => void) | undefined>;
  /** Aborts when the store closes: every waiter resolves. */
  readonly closing: AbortSignal;
  readonly maxPollIntervalMs: number;
}

/** First poll interval without pub/sub. */
const POLL_START_MS = 50;
/** With pub/sub, a safety re-read for lost messages, from this interval up to 8 times it. */
const SAFETY_POLL_START_MS = 1000;

/** Resolves when the generation at `key` is not `generation`, after `timeoutMs`, or on abort. */
export function waitForChange(
  context: WaitContext,
  key: string,
  generation: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  if (signal?.aborted || context.closing.aborted || !(timeoutMs > 0)) return Promise.resolve();
  return new Promise<void>((resolve) => {
    let finished = false;
    let stopListening: (() => void) | undefined;
    let pollTimer: NodeJS.Timeout | undefined;
    let interval = POLL_START_MS;
    let maxInterval = context.maxPollIntervalMs;
    let reading = false;
    let readAgain = false;

    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(deadline);
      clearTimeout(pollTimer);
      signal?.removeEventListener("abort", finish);
      context.closing.removeEventListener("abort", finish);
      stopListening?.();
      resolve();
    };
    const deadline = setTimeout(finish, timeoutMs);
    signal?.addEventListener("abort", finish, { once: true });
    context.closing.addEventListener("abort", finish, { once: true });

    const schedule = (pttl: number) => {
      clearTimeout(pollTimer);
      // Jitter keeps many waiters in many processes from polling in step.
      let wait = interval * (0.8 + Math.random() * 0.4);
      interval = Math.min(interval * 2, maxInterval);
      if (pttl >= 0) wait = Math.min(wait, pttl + 1);
      pollTimer = setTimeout(check, Math.max(wait, 1));
    };

    const check = async (): Promise<void> => {
      if (finished) return;
      if (reading) {
        readAgain = true;
        return;
      }
      reading = true;
      try {
        const state = await context.read(key);
        if (state.generation !== generation) finish();
        else if (!finished) schedule(state.pttl);
      } catch {
        // A failing store wakes the waiter; its next call to the store surfaces the error.
        finish();
      } finally {
        reading = false;
        if (readAgain && !finished) {
          readAgain = false;
          void check();
        }
      }
    };

    void context
      .listen(key, () => void check())
      .then((stop) => {
        if (finished) {
          stop?.();
          return;
        }
        stopListening = stop;
        if (stop !== undefined) {
          interval = SAFETY_POLL_START_MS;
          maxInterval = SAFETY_POLL_START_MS * 8;
        }
        // Read only once subscribed, so a write between the read and the subscription is not missed.
        void check();
      });
  });
}
