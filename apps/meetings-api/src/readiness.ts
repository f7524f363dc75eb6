/**
 * The readiness check behind `GET /readyz`, shared by every caller and kept for a moment: however many
 * probes arrive, at most one store read and one token check run per `cacheMs`, so a flood of
 * unauthenticated requests can neither drain the store's connections nor push the token engine to mint.
 * Readiness follows the token, not the store: the engine keeps serving from its per-process path when
 * the store fails, so a store outage is `degraded` (still ready) instead of taking every replica out.
 */
import type { TokenStore, ZoomClient } from "@zoomkit/core";

/** The outcome of one check; `detail` is shown only to callers with an API key. */
export interface Readiness {
  status: "ready" | "degraded" | "not_ready";
  detail: {
    checkedAt: string;
    store: { name: string; ok: boolean; code?: string; message?: string };
    token: { ok: boolean; code?: string; message?: string };
    /** The engine's counters: mints, layer hits, circuit state; fingerprints, never a token. */
    tokens: unknown;
  };
}

/** Options of `createReadinessCheck`. */
export interface ReadinessOptions {
  zoom: ZoomClient;
  store: TokenStore;
  /** Timeout of each part of a check. @default 2000 */
  timeoutMs?: number;
  /** How long a finished check answers every probe. @default 1000 */
  cacheMs?: number;
  /** @default Date.now */
  now?: () => number;
}

/** Resolves `run()`, or rejects after `ms`, so a hung store or token endpoint cannot hang a probe. */
function within<T>(run: () => Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  // `run` inside a promise: a provider that throws synchronously is a failed check, not a crashed route.
  return Promise.race([Promise.resolve().then(run), timeout]).finally(() => clearTimeout(timer));
}

const describe = (error: unknown): { code?: string; message: string } => ({
  ...(typeof (error as { code?: unknown } | null)?.code === "string"
    ? { code: (error as { code: string }).code }
    : {}),
  message: error instanceof Error ? error.message : String(error),
});

/**
 * A readiness check that at most one caller at a time runs, and whose result is reused for `cacheMs`.
 *
 * @example
 * const check = createReadinessCheck({ zoom, store });
 * const { status } = await check();
 */
export function createReadinessCheck(options: ReadinessOptions): () => Promise<Readiness> {
  const { zoom, store } = options;
  const timeoutMs = options.timeoutMs ?? 2_000;
  const cacheMs = options.cacheMs ?? 1_000;
  const now = options.now ?? Date.now;
  let last: { at: number; result: Readiness } | undefined;
  let running: Promise<Readiness> | undefined;

  const run = async (): Promise<Readiness> => {
    const [storeCheck, tokenCheck] = await Promise.allSettled([
      within(() => store.get("zoomkit:readyz:probe"), timeoutMs, `the ${store.name} store`),
      within(() => zoom.tokens.getToken(), timeoutMs, "the token provider"),
    ]);
    const storeOk = storeCheck.status === "fulfilled";
    const tokenOk = tokenCheck.status === "fulfilled";
    return {
      status: tokenOk ? (storeOk ? "ready" : "degraded") : "not_ready",
      detail: {
        checkedAt: new Date(now()).toISOString(),
        store: storeOk
          ? { name: store.name, ok: true }
          : { name: store.name, ok: false, ...describe(storeCheck.reason) },
        token: tokenOk ? { ok: true } : { ok: false, ...describe(tokenCheck.reason) },
        tokens: zoom.tokens.stats(),
      },
    };
  };

  return () => {
    if (last && now() - last.at < cacheMs) return Promise.resolve(last.result);
    running ??= run()
      .then((result) => {
        last = { at: now(), result };
        return result;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
}
