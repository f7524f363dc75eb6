/**
 * `GET /healthz` (the process answers) and `GET /readyz` (it can serve Zoom calls). `/readyz` answers
 * anyone with its status alone; the detail (store and token errors, the engine's counters, which name
 * the account, the client and the store's host) needs an API key.
 */
import { Hono } from "hono";
import type { Readiness } from "../readiness.js";

/** The health routes. `isKnownKey` checks an `Authorization` header against the API keys. */
export function healthRoutes(deps: {
  readiness: () => Promise<Readiness>;
  isKnownKey: (authorization: string | undefined) => boolean;
}): Hono {
  const app = new Hono();

  app.get("/healthz", (c) => c.json({ status: "ok" }));

  app.get("/readyz", async (c) => {
    const { status, detail } = await deps.readiness();
    const code = status === "not_ready" ? 503 : 200;
    if (!deps.isKnownKey(c.req.header("authorization"))) return c.json({ status }, code);
    return c.json({ status, ...detail }, code);
  });

  return app;
}
