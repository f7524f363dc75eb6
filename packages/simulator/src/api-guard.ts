/**
 * What stands between a request and an API handler, in Zoom's order: a Bearer token in the
 * `Authorization` header (anything else is code 124), the app still active, the scope granted, and the
 * account's per-second limit for the operation's category.
 */
import type { MiddlewareHandler } from "hono";
import { type SimEnv, zoomError } from "./http.js";
import { qpsExceeded, qpsLimit, type RateCategory } from "./rate-limit.js";
import type { Simulation } from "./simulation.js";
import type { UnauthorizedCause } from "./state/stats.js";

/** An API operation: its id in the OpenAPI document, rate-limit category and the scope it needs. */
export interface ApiOperation {
  id: string;
  category: RateCategory;
  scope: string;
}

export function apiGuard(sim: Simulation, op: ApiOperation): MiddlewareHandler<SimEnv> {
  return async (c, next) => {
    const refuse = (cause: UnauthorizedCause): Response => {
      sim.counters.unauthorized[cause] += 1;
      return zoomError(c, 401, 124, "Invalid access token.");
    };
    const header = c.req.header("authorization");
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
    if (!match?.[1]) {
      // Zoom ignores tokens anywhere but the Authorization header (FACTS.md): same 124 as a bad token.
      const inQuery = new URL(c.req.url).searchParams.has("access_token");
      return refuse(header ? "unknown" : inQuery ? "query_token" : "missing");
    }
    const checked = sim.registry.check(match[1]);
    if (!checked.ok) return refuse(checked.cause);
    const appSwitches = sim.switches.incidents[checked.app.clientId];
    if (appSwitches?.deactivated) return refuse("deactivated");
    const removed = appSwitches?.removedScopes ?? [];
    if (!checked.token.scopes.includes(op.scope) || removed.includes(op.scope)) {
      sim.counters.unauthorized.scopes += 1;
      return zoomError(
        c,
        sim.switches.scopeErrorStatus,
        4711,
        `Invalid access token, does not contain scopes:[${op.scope}].`,
      );
    }
    const now = sim.now();
    if (!sim.limiter.takeQps(checked.app.accountId, op.category, qpsLimit(sim.switches, op.category), now)) {
      sim.counters.limited("qps", op.category);
      return qpsExceeded(c, sim.switches, op.category);
    }
    c.set("token", checked.token);
    c.set("app", checked.app);
    if (sim.switches.rateLimitHeaders) c.header("x-ratelimit-category", op.category);
    await next();
  };
}
