/**
 * A registry of the waiters of each key in this process, for stores whose notifications arrive once
 * per store (an in-process write, a LISTEN connection) rather than once per waiter: the store hands
 * each notification to the waiters of its key. Its `subscribe` is a ready `GenerationNotifications`.
 */
import type { GenerationListener, GenerationNotifications } from "./wait-for-generation.js";

/** Waiters by key; see {@link createGenerationListeners}. */
export interface GenerationListeners {
  /** Adds a listener of `key`; returns how to remove it. */
  add(key: string, listener: GenerationListener): () => void;
  /** A notification source for one waiter of `key` (pass it to `waitForGeneration`). */
  notifications(key: string, live?: () => boolean): GenerationNotifications;
  /** Something may have changed at `key`: its waiters read again. */
  recheck(key: string): void;
  /** A change to `generation` committed at `key`: its waiters holding another generation end. */
  changed(key: string, generation: number): void;
  /** Notifications may have been missed (a connection came back): every waiter reads again. */
  recheckAll(): void;
}

/**
 * Creates an empty registry. A key's entry lives only while it has waiters.
 *
 * @example
 * ```ts
 * const listeners = createGenerationListeners();
 * // in waitForChange:
 * waitForGeneration({ ...options, notifications: listeners.notifications(key) });
 * // after a write in this process:
 * listeners.recheck(key);
 * ```
 */
export function createGenerationListeners(): GenerationListeners {
  const byKey = new Map<string, Set<GenerationListener>>();
  // Copies, so a listener that ends (and leaves its set) while being called does not disturb the loop.
  const each = (key: string, call: (listener: GenerationListener) => void) => {
    for (const listener of [...(byKey.get(key) ?? [])]) call(listener);
  };
  const add = (key: string, listener: GenerationListener) => {
    const set = byKey.get(key) ?? new Set<GenerationListener>();
    byKey.set(key, set);
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && byKey.get(key) === set) byKey.delete(key);
    };
  };
  return {
    add,
    notifications: (key, live) => ({
      subscribe: (listener) => add(key, listener),
      ...(live === undefined ? {} : { live }),
    }),
    recheck: (key) => each(key, (listener) => listener.recheck()),
    changed: (key, generation) => each(key, (listener) => listener.changed(generation)),
    recheckAll() {
      for (const key of [...byKey.keys()]) each(key, (listener) => listener.recheck());
    },
  };
}
