/**
 * The mint lease: one minter per credential across the fleet. It is short, and its holder renews it
 * every third of its life while the mint runs, however slow the token endpoint is, so a holder that
 * died is noticed within about one lease time-to-live. A holder whose renewal finds the lease lost
 * stops: its mint is abandoned (a write it still made would be fenced anyway). Stores that cannot
 * renew get a lease long enough for a whole mint instead (`resolveOptions`).
 */
import type { Engine } from "./engine.js";
import { UNAVAILABLE } from "./guarded-store.js";
import type { StoreLease } from "./types.js";

/** A lease this process holds. */
export interface HeldLease {
  readonly lease: StoreLease;
  /** Aborts when the lease is lost (a renewal found another holder, or it expired) or the engine closes. */
  readonly lost: AbortSignal;
  /** Stops renewing and releases the lease (only if still ours). Idempotent. */
  release(): Promise<void>;
}

/** The reason `lost` aborts with. */
export class LeaseLostError extends Error {
  constructor() {
    super("the mint lease was lost");
    this.name = "LeaseLostError";
  }
}

/** Leases held right now, so `close()` can release them. */
export type HeldLeases = Set<HeldLease>;

/**
 * Takes the lease at `key`. Resolves the held lease, `null` when another holder has it, or
 * `UNAVAILABLE` when the store failed.
 */
export async function takeLease(
  engine: Engine,
  key: string,
  held: HeldLeases,
): Promise<HeldLease | null | typeof UNAVAILABLE> {
  const { leaseTtlMs, leaseRenewMs } = engine.options;
  const lease = await engine.store.acquireLease(key, engine.holder, leaseTtlMs);
  if (lease === UNAVAILABLE || lease === null) return lease;
  const controller = new AbortController();
  const onClose = () => controller.abort(engine.closing.reason);
  engine.closing.addEventListener("abort", onClose, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let released = false;
  let current = lease;

  const renew = async (): Promise<void> => {
    const renewed = await engine.store.renewLease(current, leaseTtlMs);
    if (released) return;
    // A store that did not answer cannot tell us the lease is lost: keep going (the write is fenced).
    if (renewed === null) {
      engine.counters.leasesLost += 1;
      controller.abort(new LeaseLostError());
      return;
    }
    if (renewed !== UNAVAILABLE) current = renewed;
    schedule();
  };
  const schedule = (): void => {
    if (leaseRenewMs === undefined || released) return;
    timer = setTimeout(() => void renew(), leaseRenewMs);
    // A renewal never keeps the process alive on its own: the mint it protects does.
    timer.unref?.();
  };

  const handle: HeldLease = {
    lease,
    lost: controller.signal,
    async release() {
      if (released) return;
      released = true;
      clearTimeout(timer);
      engine.closing.removeEventListener("abort", onClose);
      held.delete(handle);
      await engine.store.releaseLease(current);
    },
  };
  held.add(handle);
  schedule();
  return handle;
}
