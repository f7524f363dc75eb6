/**
 * Racing a promise against a caller's AbortSignal. Shared by the request pipeline and the token engine,
 * so it sits below both.
 */

/**
 * Settles like `promise`, or rejects with `signal.reason` the moment `signal` aborts, whichever comes
 * first. The losing promise keeps its handlers attached, so its later rejection is never unhandled.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/** `raceAbort` when there is a signal; the promise itself otherwise. */
export function withSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  return signal ? raceAbort(promise, signal) : promise;
}
