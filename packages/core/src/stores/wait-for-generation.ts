/**
 * The waiter behind every store's `waitForChange`: wake when the record's generation differs from the
 * one the caller saw. A notification is a hint that triggers a re-read (the record is the truth) unless
 * it names the new generation; expiry makes a record absent without any write, so the waiter also
 * re-reads right after the record it saw expires; and polling with backoff covers notifications that
 * were never sent or were lost. Never a busy loop: every re-read follows a notification or a timer of
 * at least 1 ms, and one read runs at a time.
 */

/** What a waiter learns from one read of the store. */
export interface GenerationProbe {
  /** Generation of the live record, 0 when absent. */
  readonly generation: number;
  /** Milliseconds until the live record expires; `null` or negative when there is no expiry to wait for. */
  readonly expiresInMs: number | null;
}

/** Delays between reads: from `initialMs`, doubling up to `maxMs`. */
export interface PollBackoff {
  /** The first delay. */
  readonly initialMs: number;
  /** The longest delay (the first one may be longer when `initialMs` is). */
  readonly maxMs: number;
  /**
   * Spread each delay over ±20%, so many waiters in many processes do not poll in step.
   * @default true
   */
  readonly jitter?: boolean;
}

/** How a notification source reaches one waiter. */
export interface GenerationListener {
  /** Something may have changed: read again (at once, or right after the read in progress). */
  recheck(): void;
  /** A change to `generation` committed: the waiter ends unless that is the generation it holds. */
  changed(generation: number): void;
}

/** Where change notifications come from: pub/sub, LISTEN/NOTIFY, writes in this process. */
export interface GenerationNotifications {
  /**
   * Starts delivering to `listener`. Returns how to stop, or `undefined` when notifications are
   * unavailable. When it returns a promise, the first read waits for it, so a write that lands
   * between that read and the subscription is never missed.
   */
  subscribe(listener: GenerationListener): (() => void) | undefined | Promise<(() => void) | undefined>;
  /**
   * Whether notifications arrive now; the waiter then polls at `safetyPoll` instead of `poll`.
   * @default whether `subscribe` returned a way to stop
   */
  live?(): boolean;
}

/** Options of {@link waitForGeneration}. */
export interface WaitForGenerationOptions {
  /** The generation the caller saw (0: absent). The waiter ends when the live one differs. */
  readonly generation: number;
  /** The waiter resolves after this long at the latest (0 or less: at once). */
  readonly timeoutMs: number;
  /** Reads the live generation and the time left before the record expires. */
  readonly read: () => Promise<GenerationProbe>;
  /** Delays between reads while no notifications arrive. */
  readonly poll: PollBackoff;
  /**
   * Delays between reads while notifications arrive: a safety net for lost ones.
   * @default `poll`
   */
  readonly safetyPoll?: PollBackoff;
  /** An optional notification source; without one the waiter only polls. */
  readonly notifications?: GenerationNotifications;
  /** The caller's abort signal: the waiter resolves when it aborts. */
  readonly signal?: AbortSignal | undefined;
  /** The store's closing signal: every waiter resolves when the store closes. */
  readonly closing?: AbortSignal | undefined;
  /**
   * What a failed read does. `"wake"`: the waiter resolves and the caller's next store call surfaces
   * the error. `"retry"`: it keeps polling until its timeout.
   * @default "wake"
   */
  readonly onReadError?: "wake" | "retry";
  /**
   * Source of the jitter, in [0, 1).
   * @default Math.random
   */
  readonly random?: () => number;
}

/**
 * Resolves when the live generation differs from `options.generation`, after `options.timeoutMs`, on
 * abort, or when the store closes; never rejects. For store authors implementing
 * `TokenStore.waitForChange`.
 *
 * @example
 * ```ts
 * waitForChange(key, generation, timeoutMs, signal) {
 *   return waitForGeneration({
 *     generation,
 *     timeoutMs,
 *     signal,
 *     closing: closing.signal,
 *     read: async () => {
 *       const record = await readRecord(key);
 *       return { generation: record?.generation ?? 0, expiresInMs: record ? record.expiresAt - Date.now() : null };
 *     },
 *     poll: { initialMs: 50, maxMs: 2_000 },
 *   });
 * }
 * ```
 */
export function waitForGeneration(options: WaitForGenerationOptions): Promise<void> {
  const { generation, signal, closing, notifications } = options;
  if (signal?.aborted || closing?.aborted || !(options.timeoutMs > 0)) return Promise.resolve();
  const random = options.random ?? Math.random;
  const retryOnError = options.onReadError === "retry";
  const poll = createBackoff(options.poll, random);
  const safetyPoll = options.safetyPoll === undefined ? poll : createBackoff(options.safetyPoll, random);

  return new Promise<void>((resolve) => {
    let finished = false;
    let reading = false;
    let readAgain = false;
    let subscribed = false;
    let stop: (() => void) | undefined;
    let pollTimer: ReturnType<typeof setTimeout> | undefined;

    const finish = (): void => {
      if (finished) return;
      finished = true;
      clearTimeout(deadline);
      clearTimeout(pollTimer);
      signal?.removeEventListener("abort", finish);
      closing?.removeEventListener("abort", finish);
      stop?.();
      resolve();
    };

    const schedule = (expiresInMs: number | null): void => {
      const live = notifications?.live?.() ?? subscribed;
      let wait = (live ? safetyPoll : poll)();
      if (expiresInMs !== null && expiresInMs >= 0) wait = Math.min(wait, expiresInMs + 1);
      clearTimeout(pollTimer);
      pollTimer = setTimeout(check, Math.max(wait, 1));
    };

    // One read at a time; a recheck asked for during a read runs right after it (that read may be stale).
    const check = (): void => {
      if (finished) return;
      if (reading) {
        readAgain = true;
        return;
      }
      reading = true;
      readAgain = false;
      new Promise<GenerationProbe>((done) => done(options.read())).then(
        (probe) => {
          reading = false;
          if (finished) return;
          if (probe.generation !== generation) finish();
          else if (readAgain) check();
          else schedule(probe.expiresInMs);
        },
        () => {
          reading = false;
          if (finished) return;
          if (!retryOnError) finish();
          else if (readAgain) check();
          else schedule(null);
        },
      );
    };

    const listener: GenerationListener = {
      recheck: check,
      changed: (announced) => {
        if (announced !== generation) finish();
      },
    };
    const started = (stopper: (() => void) | undefined): void => {
      if (finished) {
        stopper?.();
        return;
      }
      stop = stopper;
      subscribed = stopper !== undefined;
      check();
    };

    const deadline = setTimeout(finish, options.timeoutMs);
    signal?.addEventListener("abort", finish, { once: true });
    closing?.addEventListener("abort", finish, { once: true });
    const subscription = notifications?.subscribe(listener);
    if (subscription instanceof Promise) subscription.then(started, () => started(undefined));
    else started(subscription);
  });
}

/** The next delay on each call: doubling from `initialMs` up to `maxMs`, with optional jitter. */
export function createBackoff(backoff: PollBackoff, random: () => number = Math.random): () => number {
  let interval = backoff.initialMs;
  return () => {
    const wait = backoff.jitter === false ? interval : interval * (0.8 + random() * 0.4);
    interval = Math.min(interval * 2, backoff.maxMs);
    return wait;
  };
}
