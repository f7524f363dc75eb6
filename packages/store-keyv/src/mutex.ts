/**
 * Per-key mutual exclusion inside one process: the only exclusion a plain Keyv backend allows. Every
 * read-modify-write of the store runs inside `withLock(key)`, so two callers in this process never
 * interleave on a key; callers in other processes can.
 *
 * A holder keeps the lock at most until its `deadline` aborts: a backend call that never answers must
 * not hold the key (and queue every later caller) forever. Its work is then abandoned: it may still
 * complete later, unlocked, which the store's generations and fences make harmless (a late write can
 * never take a generation or fence back).
 */
export class KeyMutex {
  private readonly tails = new Map<string, Promise<void>>();

  /**
   * Runs `fn` once every earlier holder of `key` has finished or given up (FIFO). Releases when `fn`
   * settles or `deadline` aborts, whichever is first; on abort it rejects with the signal's reason.
   */
  async withLock<T>(key: string, fn: () => Promise<T>, deadline: AbortSignal): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    let onAbort!: () => void;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(deadline.reason);
      if (deadline.aborted) onAbort();
      else deadline.addEventListener("abort", onAbort, { once: true });
    });
    aborted.catch(() => {});
    try {
      await Promise.race([previous, aborted]);
      return await Promise.race([fn(), aborted]);
    } finally {
      deadline.removeEventListener("abort", onAbort);
      release();
      // The last holder in line cleans up, so idle keys cost nothing.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
