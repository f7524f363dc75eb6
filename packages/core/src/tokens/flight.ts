/**
 * Single-flight within the process: while a piece of work is running, everyone who asks for it shares
 * its promise; once it settles, the next ask starts it again.
 */

/** One piece of work that runs at most once at a time. */
export interface Flight<T> {
  /** The run in progress, if any. */
  readonly active: Promise<T> | undefined;
  /** Joins the run in progress, or starts `start` as the new one. */
  join(start: () => Promise<T>): Promise<T>;
}

export function createFlight<T>(): Flight<T> {
  let active: Promise<T> | undefined;
  return {
    get active() {
      return active;
    },
    join(start) {
      if (active) return active;
      const run = start().finally(() => {
        if (active === run) active = undefined;
      });
      active = run;
      return run;
    },
  };
}

/** Single-flight per key (one run per key at a time); a key's entry lives only while its run does. */
export interface KeyedFlight<T> {
  join(key: string, start: () => Promise<T>): Promise<T>;
}

export function createKeyedFlight<T>(): KeyedFlight<T> {
  const active = new Map<string, Promise<T>>();
  return {
    join(key, start) {
      const existing = active.get(key);
      if (existing) return existing;
      const run = start().finally(() => {
        if (active.get(key) === run) active.delete(key);
      });
      active.set(key, run);
      return run;
    },
  };
}
