/**
 * Per-key mutual exclusion inside one process: the only exclusion a plain Keyv backend allows. Every
 * read-modify-write of the store runs inside `withLock(key)`, so two callers in this process never
 * interleave on a key; callers in other processes can.
 */
export class KeyMutex {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `fn` once every earlier holder of `key` has finished (FIFO), and releases even if it throws. */
  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      // The last holder in line cleans up, so idle keys cost nothing.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
