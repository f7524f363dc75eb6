/**
 * Fault injection for one surface (token endpoint or API): latency, then a dropped connection, then a
 * 5xx. Counters (`failNext`, `dropNext`) fire before probabilities so tests can be exact.
 */
import type { MiddlewareHandler } from "hono";
import type { SimEnv } from "./http.js";
import type { Counters } from "./state/stats.js";
import type { FaultSwitches } from "./switches.js";

export interface FaultDeps {
  faults: () => FaultSwitches;
  counters: Counters;
  random: () => number;
  surface: "token" | "api";
}

export function faultMiddleware(deps: FaultDeps): MiddlewareHandler<SimEnv> {
  return async (c, next) => {
    const f = deps.faults();
    if (f.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, f.latencyMs));
    if (take(f, "dropNext") || (f.dropRate > 0 && deps.random() < f.dropRate)) {
      deps.counters.faults[deps.surface].drops += 1;
      c.set("dropped", true);
      // Destroying the socket is what a client sees when a load balancer resets the connection.
      c.env.incoming.socket.destroy();
      return new Response(null, { status: 500 });
    }
    if (take(f, "failNext") || (f.errorRate > 0 && deps.random() < f.errorRate)) {
      deps.counters.faults[deps.surface].errors += 1;
      return injectedError(f);
    }
    await next();
  };
}

function take(f: FaultSwitches, key: "dropNext" | "failNext"): boolean {
  if (f[key] <= 0) return false;
  f[key] -= 1;
  return true;
}

function injectedError(f: FaultSwitches): Response {
  const status = f.errorStatus;
  if (f.errorBody === "empty") return new Response(null, { status });
  if (f.errorBody === "html") {
    return new Response(`<html><body><h1>${status} Server Error</h1></body></html>`, {
      status,
      headers: { "content-type": "text/html; charset=utf-8" },
    });
  }
  return Response.json(
    { code: status, message: "Internal server error. Please try again later." },
    { status },
  );
}
