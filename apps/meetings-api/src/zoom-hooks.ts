/**
 * What the Zoom client reports, turned into log lines, and hook sets combined (metrics + logs).
 * Payloads name tokens and credentials by fingerprint only, so they are safe to log as they are.
 */

import type { Logger } from "@zoomkit/app-support";
import type { ZoomEventMap, ZoomHooks } from "@zoomkit/core";

/** Hooks that log each event at a level that matches what an operator must do about it. */
export function loggingHooks(logger: Logger): ZoomHooks {
  return {
    tokenMinted: (e) =>
      logger.info(
        {
          reason: e.reason,
          ms: Math.round(e.durationMs),
          tokenFingerprint: e.fingerprint,
          credential: e.credential,
        },
        "zoom token minted",
      ),
    refreshFailed: (e) =>
      logger.warn(
        { credential: e.credential, err: { message: e.error.message } },
        "zoom token refresh failed",
      ),
    retry: (e) => logger.debug(e, "zoom request retried"),
    rateLimited: (e) => logger.warn(e, "zoom rate limit"),
    timeout: (e) => logger.warn(e, "zoom request timed out"),
    appRejected: (e) =>
      logger.error(
        { credential: e.credential, code: e.error.code, coolDownMs: e.coolDownMs, openUntil: e.openUntil },
        e.error.message,
      ),
    appRecovered: (e) => logger.info({ credential: e.credential }, "zoom accepts the app's tokens again"),
    storeDegraded: (e) =>
      e.degraded
        ? logger.warn(
            {
              store: e.store,
              operation: e.operation,
              err: e.error ? { message: e.error.message } : undefined,
            },
            "token store failing: coordinating tokens within this process only",
          )
        : logger.info({ store: e.store }, "token store recovered"),
    storeUnencrypted: (e) => logger.warn({ store: e.store }, e.message),
  };
}

/** One hook set that calls each given set in turn. */
export function combineHooks(...sets: ZoomHooks[]): ZoomHooks {
  const combined: ZoomHooks = {};
  const names = new Set(sets.flatMap((set) => Object.keys(set))) as Set<keyof ZoomEventMap>;
  for (const name of names) {
    const handlers = sets.map((set) => set[name]).filter((handler) => handler !== undefined);
    (combined as Record<string, (event: unknown) => void>)[name] = (event: unknown) => {
      for (const handler of handlers) (handler as (event: unknown) => void)(event);
    };
  }
  return combined;
}
