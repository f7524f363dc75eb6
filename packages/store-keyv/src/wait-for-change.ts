/**
 * `waitForChange` over Keyv: Keyv has no change notifications, so the waiter polls with backoff
 * (from 50 ms, doubling, with jitter); a write through the same Keyv instance in this process wakes
 * it at once, and it re-reads when the record it saw reaches its expiry. Never a busy loop.
 */

export interface WaitContext {
  /** The live generation (0: absent) and ms until the record expires (-1: no record). */
  read(): Promise<{ generation: number; expiresInMs: number }>;
  /** Local waiters by key, woken by writes in this process. */
  readonly waiters: Map<string, Set<() => void>>;
  readonly closing: AbortSignal;
  readonly maxPollIntervalMs: number;
}

const POLL_START_MS = 50;

/** Resolves when the generation at `key` is not `generation`, after `timeoutMs`, or on abort or close. */
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
    let pollTimer: NodeJS.Timeout | undefined;
    let interval = POLL_START_MS;
    let reading = false;
    let readAgain = false;
    const local = context.waiters.get(key) ?? new Set<() => void>();
    context.waiters.set(key, local);

    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(deadline);
      clearTimeout(pollTimer);
      local.delete(check);
      if (local.size === 0 && context.waiters.get(key) === local) context.waiters.delete(key);
      signal?.removeEventListener("abort", finish);
      context.closing.removeEventListener("abort", finish);
      resolve();
    };

    function schedule(expiresInMs: number) {
      clearTimeout(pollTimer);
      let wait = interval * (0.8 + Math.random() * 0.4);
      interval = Math.min(interval * 2, context.maxPollIntervalMs);
      if (expiresInMs >= 0) wait = Math.min(wait, expiresInMs + 1);
      pollTimer = setTimeout(check, Math.max(wait, 1));
    }

    function check(): void {
      if (finished) return;
      if (reading) {
        readAgain = true;
        return;
      }
      reading = true;
      context
        .read()
        .then(
          (state) => {
            if (state.generation !== generation) finish();
            else if (!finished) schedule(state.expiresInMs);
          },
          // A failing backend wakes the waiter; its next call surfaces the error.
          () => finish(),
        )
        .finally(() => {
          reading = false;
          if (readAgain && !finished) {
            readAgain = false;
            check();
          }
        });
    }

    const deadline = setTimeout(finish, timeoutMs);
    signal?.addEventListener("abort", finish, { once: true });
    context.closing.addEventListener("abort", finish, { once: true });
    local.add(check);
    check();
  });
}
