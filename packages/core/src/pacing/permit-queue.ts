/**
 * The callers of one process waiting for permits of one limiter (one account and category). Permits
 * come from the shared limiter in small batches, one store call at a time per limiter: while it is
 * under way callers queue, and the next call asks for as many as are waiting (up to the batch). So
 * under load most calls cost no store round trip, and a permit is never held for later: one left over
 * (its caller aborted) is only handed out within one interval, which keeps the fleet's sending within
 * the shared limiter's bound. Callers are served in order; a caller whose turn would come after its
 * deadline is refused at once with the expected wait, rather than at the deadline.
 */
import type { PermitRate } from "../stores/contract.js";
import type { PermitSource } from "./permit-source.js";

/** Why a caller got no permit: the wait it would have needed, in ms. */
export interface PermitRefusal {
  readonly retryAfterMs: number;
}

interface Waiter {
  readonly deadline: number;
  readonly signal: AbortSignal | undefined;
  resolve(refusal: PermitRefusal | undefined): void;
  reject(reason: unknown): void;
  onAbort?: () => void;
}

/** The limiter's current rate and batch; read on every store call, so learning takes effect at once. */
export interface QueueRate {
  readonly bucket: PermitRate;
  /** Permits asked for at most per store call. */
  readonly batch: number;
}

export class PermitQueue {
  private readonly waiters: Waiter[] = [];
  private spare = 0;
  private spareUntil = 0;
  private busy = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pausedUntil = 0;

  private readonly key: string;
  private readonly source: PermitSource;
  private readonly rate: () => QueueRate;
  private readonly now: () => number;

  constructor(key: string, source: PermitSource, rate: () => QueueRate, now: () => number) {
    this.key = key;
    this.source = source;
    this.rate = rate;
    this.now = now;
  }

  /**
   * A permit: `undefined` at once when one is on hand, else a promise of `undefined` (granted) or a
   * refusal. Rejects with the signal's reason when it aborts first.
   */
  acquire(maxWaitMs: number, signal?: AbortSignal): undefined | Promise<PermitRefusal | undefined> {
    const at = this.now();
    if (this.spare > 0 && at < this.spareUntil && at >= this.pausedUntil && this.waiters.length === 0) {
      this.spare -= 1;
      return undefined;
    }
    signal?.throwIfAborted();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { deadline: at + maxWaitMs, signal, resolve, reject };
      if (signal) {
        waiter.onAbort = () => {
          const index = this.waiters.indexOf(waiter);
          if (index >= 0) this.waiters.splice(index, 1);
          reject(signal.reason);
        };
        signal.addEventListener("abort", waiter.onAbort, { once: true });
      }
      this.waiters.push(waiter);
      this.pump();
    });
  }

  /** Sends nothing of this limiter before `until` (epoch ms): Zoom said the account's budget is spent. */
  pause(until: number): void {
    if (until <= this.pausedUntil) return;
    this.pausedUntil = until;
    this.spare = 0;
    this.schedule(until - this.now());
  }

  /** Ends every wait (the client is closing): waiters are refused. */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const waiter of this.waiters.splice(0)) this.settle(waiter, { retryAfterMs: 0 });
  }

  private pump(): void {
    if (this.busy || this.timer !== undefined || this.waiters.length === 0) return;
    const at = this.now();
    if (at < this.pausedUntil) {
      this.refuseLate(at, this.pausedUntil - at);
      this.schedule(this.pausedUntil - at);
      return;
    }
    while (this.spare > 0 && at < this.spareUntil && this.waiters.length > 0) {
      this.spare -= 1;
      this.settle(this.waiters.shift()!, undefined);
    }
    if (this.waiters.length === 0) return;
    const { bucket, batch } = this.rate();
    const want = Math.min(batch, this.waiters.length);
    this.busy = true;
    this.source.take(this.key, want, bucket).then(
      (grant) => this.granted(grant.granted, grant.retryAfterMs, bucket),
      // The source falls back on its own; this only covers a bug in it: retry after a beat.
      () => this.granted(0, 100, bucket),
    );
  }

  private granted(granted: number, retryAfterMs: number, bucket: PermitRate): void {
    this.busy = false;
    let left = granted;
    while (left > 0 && this.waiters.length > 0) {
      left -= 1;
      this.settle(this.waiters.shift()!, undefined);
    }
    if (left > 0) {
      // Its caller went away meanwhile: usable only within one interval, then it lapses.
      this.spare = left;
      this.spareUntil = this.now() + 1000 / bucket.ratePerSecond;
    }
    if (this.waiters.length === 0) return;
    if (granted === 0 || retryAfterMs > 0) {
      this.refuseLate(this.now(), retryAfterMs, bucket);
      this.schedule(retryAfterMs);
    } else {
      this.pump();
    }
  }

  /** Refuses, at once, the waiters whose turn would come after their deadline. */
  private refuseLate(at: number, firstInMs: number, bucket = this.rate().bucket): void {
    const interval = 1000 / bucket.ratePerSecond;
    let position = 0;
    for (const waiter of [...this.waiters]) {
      const expected = firstInMs + position * interval;
      if (at + expected > waiter.deadline) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        this.settle(waiter, { retryAfterMs: Math.ceil(expected) });
      } else {
        position += 1;
      }
    }
  }

  private schedule(ms: number): void {
    if (this.timer !== undefined || this.waiters.length === 0) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.pump();
      },
      Math.max(1, Math.ceil(ms)),
    );
  }

  private settle(waiter: Waiter, refusal: PermitRefusal | undefined): void {
    if (waiter.onAbort) waiter.signal?.removeEventListener("abort", waiter.onAbort);
    waiter.resolve(refusal);
  }
}
