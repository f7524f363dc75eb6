/**
 * What stands between a request and an API handler, in Zoom's order: a Bearer token in the
 * `Authorization` header (anything else is code 124), the app's incidents (a deactivated app is 124), the
 * scope in the token, and the account's per-second limit for the operation's category (both read from
 * the OpenAPI document, see operations.ts).
 */
import type { MiddlewareHandler } from "hono";
import { type SimEnv, zoomError } from "./http.js";
import { onApiCall } from "./incidents/index.js";
import type { OperationInfo } from "./operations.js";
import { qpsExceeded, qpsLimit, type RateLimiter } from "./rate-limit.js";
import type { Counters, UnauthorizedCause } from "./state/stats.js";
import type { TokenRegistry } from "./state/token-registry.js";
import type { SimulatorSwitches } from "./switches.js";

/** What the guard reads, at each call (the registry and switches are replaced on `reset()`). */
export interface GuardDeps {
  readonly registry: TokenRegistry;
  readonly switches: SimulatorSwitches;
  readonly counters: Counters;
  readonly limiter: RateLimiter;
  now(): number;
}

export function apiGuard(deps: GuardDeps, op: OperationInfo): MiddlewareHandler<SimEnv> {
  return async (c, next) => {
    const refuse = (cause: UnauthorizedCause): Response => {
      deps.counters.unauthorized[cause] += 1;
      return zoomError(c, 401, 124, "Invalid access token.");
    };
    const header = c.req.header("authorization");
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
    if (!match?.[1]) {
      // Zoom ignores tokens anywhere but the Authorization header (FACTS.md): same 124 as a bad token.
      const inQuery = new URL(c.req.url).searchParams.has("access_token");
      return refuse(header ? "unknown" : inQuery ? "query_token" : "missing");
    }
    const checked = deps.registry.check(match[1]);
    if (!checked.ok) return refuse(checked.cause);
    const switches = deps.switches;
    const refusal = onApiCall(switches.incidents[checked.app.clientId], {
      token: checked.token,
      scope: op.scope,
    });
    if (refusal) {
      deps.counters.unauthorized[refusal.cause] += 1;
      return zoomError(c, refusal.status, refusal.code, refusal.message);
    }
    // The token carries the scopes of its mint time, less any removed since (incidents/removed-scopes.ts);
    // any one of the operation's scopes (the document's x-scopes) allows the call.
    if (!op.scopes.some((s) => checked.token.scopes.includes(s))) {
      deps.counters.unauthorized.scopes += 1;
      return zoomError(
        c,
        switches.scopeErrorStatus,
        4711,
        `Invalid access token, does not contain scopes:[${op.scope}].`,
      );
    }
    const now = deps.now();
    if (!deps.limiter.takeQps(checked.app.accountId, op.category, qpsLimit(switches, op.category), now)) {
      deps.counters.limited("qps", op.category);
      return qpsExceeded(c, switches, op.category);
    }
    c.set("token", checked.token);
    c.set("app", checked.app);
    if (switches.rateLimitHeaders) c.header("x-ratelimit-category", op.category);
    await next();
  };
}
