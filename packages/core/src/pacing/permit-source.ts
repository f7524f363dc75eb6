/**
 * Where a process gets permits: the store's shared limiter (`takePermits`), or, while the store fails
 * (or cannot take permits at all), an in-process limiter at a share of the rate, so a fleet that lost
 * its store still slows down instead of stopping or sending at every process's full rate. The switch
 * both ways is reported once each.
 */
import type { PermitGrant, PermitRate, TokenStore } from "../stores/contract.js";
import { takeFromBucket } from "../stores/permit-bucket.js";

/**
 * The share of a rate each process takes while the store is down: it cannot know how many processes
 * there are, so it assumes a few (4) rather than one, which would multiply the rate by the fleet.
 */
export const DEGRADED_SHARE = 0.25;
/** While degraded, the store is tried again at most this often. */
export const STORE_RETRY_MS = 1_000;

/** What the source reports about itself. */
export interface PermitSourceEvents {
  degraded(reason: "store_error" | "unsupported", error?: unknown): void;
  recovered(): void;
}

export interface PermitSource {
  take(key: string, want: number, rate: PermitRate): Promise<PermitGrant>;
  /** True while permits come from the in-process share. */
  readonly degraded: boolean;
}

export function createPermitSource(
  store: TokenStore,
  events: PermitSourceEvents,
  now: () => number,
): PermitSource {
  const supported = typeof store.takePermits === "function" && store.capabilities.permits === true;
  const local = new Map<string, number>();
  let degradedSince: number | undefined;
  let reported = false;

  const takeLocally = (key: string, want: number, rate: PermitRate): PermitGrant => {
    const share = { ratePerSecond: rate.ratePerSecond * DEGRADED_SHARE, burst: 1 };
    const step = takeFromBucket(local.get(key) ?? 0, now() * 1000, Math.min(want, 1), share);
    local.set(key, step.tatUs);
    return { granted: step.granted, retryAfterMs: step.retryAfterMs };
  };

  return {
    get degraded() {
      return degradedSince !== undefined || !supported;
    },
    async take(key, want, rate) {
      if (!supported) {
        if (!reported) {
          reported = true;
          events.degraded("unsupported");
        }
        return takeLocally(key, want, rate);
      }
      if (degradedSince !== undefined && now() - degradedSince < STORE_RETRY_MS) {
        return takeLocally(key, want, rate);
      }
      try {
        const grant = await store.takePermits!(key, want, rate);
        if (degradedSince !== undefined) {
          degradedSince = undefined;
          events.recovered();
        }
        return grant;
      } catch (error) {
        if (degradedSince === undefined) events.degraded("store_error", error);
        degradedSince = now();
        return takeLocally(key, want, rate);
      }
    },
  };
}
