/**
 * `GET /healthz` (the process answers) and `GET /readyz` (it can serve Zoom calls). Readiness follows
 * the token, not the store: the token engine keeps serving from its per-process path when the store
 * fails, so a store outage is reported as `degraded` without taking every replica out of rotation.
 */
import type { TokenStore, ZoomClient } from "@zoomkit/core";
import { Hono } from "hono";

/** Resolves `promise`, or rejects after `ms` so a hung store or token endpoint cannot hang a probe. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const describe = (error: unknown) => ({
  ...(typeof (error as { code?: unknown }).code === "string"
    ? { code: (error as { code: string }).code }
    : {}),
  message: error instanceof Error ? error.message : String(error),
});

/** The health routes. */
export function healthRoutes(deps: { zoom: ZoomClient; store: TokenStore; probeTimeoutMs?: number }): Hono {
  const { zoom, store } = deps;
  const probeTimeoutMs = deps.probeTimeoutMs ?? 2_000;
  const app = new Hono();

  app.get("/healthz", (c) => c.json({ status: "ok" }));

  app.get("/readyz", async (c) => {
    const [storeCheck, tokenCheck] = await Promise.allSettled([
      within(store.get("zoomkit:readyz:probe"), probeTimeoutMs, `the ${store.name} store`),
      within(zoom.tokens.getToken(), probeTimeoutMs, "the token provider"),
    ]);
    const storeOk = storeCheck.status === "fulfilled";
    const tokenOk = tokenCheck.status === "fulfilled";
    const body = {
      status: tokenOk ? (storeOk ? "ready" : "degraded") : "not_ready",
      store: storeOk
        ? { name: store.name, ok: true }
        : { name: store.name, ok: false, ...describe(storeCheck.reason) },
      // The token itself is never shown; only whether one could be had, or why not.
      token: tokenOk ? { ok: true } : { ok: false, ...describe(tokenCheck.reason) },
      // Mints, layer hits, circuit state, degraded time: counts and fingerprints, never a token.
      tokens: zoom.tokens.stats(),
    };
    return c.json(body, tokenOk ? 200 : 503);
  });

  return app;
}
