/**
 * Waiting that a caller's AbortSignal can always cut short. The pipeline injects `Sleep` so tests run
 * without real timers, and races every wait against the caller's signal itself, so even an injected
 * sleep that ignores the signal cannot hold an aborted call.
 */

/** Waits `ms` milliseconds; rejects with `signal.reason` as soon as `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The default `Sleep`, on `setTimeout`. The timer is cleared on abort so nothing keeps the process alive. */
export const sleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
