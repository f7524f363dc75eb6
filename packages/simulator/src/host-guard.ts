/**
 * The guard against DNS rebinding (security review L14): a simulator bound to loopback answers only
 * requests that name a loopback host, so a web page whose name an attacker re-points at 127.0.0.1
 * cannot reach `/__sim/` (no auth: it rotates secrets and aims webhooks anywhere). Binding any other
 * address is an explicit choice to serve every name, and says so with a warning.
 */
import type { MiddlewareHandler } from "hono";
import type { SimEnv } from "./http.js";

/** Whether a host name or address (with or without a port or brackets) is loopback. */
export function isLoopbackHost(host: string): boolean {
  const name = stripPort(host.trim().toLowerCase());
  return (
    name === "localhost" ||
    name.endsWith(".localhost") ||
    /^127(?:\.\d{1,3}){3}$/.test(name) ||
    name === "::1" ||
    /^::ffff:127(?:\.\d{1,3}){3}$/.test(name)
  );
}

/** Refuses, with 403, any request whose `Host` header is missing or not a loopback name. */
export function loopbackHostOnly(): MiddlewareHandler<SimEnv> {
  return async (c, next) => {
    const host = c.req.header("host");
    if (host === undefined || !isLoopbackHost(host)) {
      return c.json(
        {
          code: 403,
          message:
            "This simulator serves loopback names only (localhost, 127.0.0.1, [::1]); start it with an explicit non-loopback host to serve others.",
        },
        403,
      );
    }
    await next();
  };
}

/** The warning printed when a simulator binds a non-loopback address. */
export function exposedWarning(host: string): string {
  return `zoomkit simulator listening on ${host}, which is not loopback: anyone who can reach it can drive /__sim/ (no authentication), read rotated secrets and aim webhooks anywhere.`;
}

function stripPort(host: string): string {
  if (host.startsWith("[")) return host.slice(1, host.indexOf("]") === -1 ? undefined : host.indexOf("]"));
  // A bare IPv6 address has several colons and no port.
  return host.split(":").length > 2 ? host : (host.split(":")[0] ?? "");
}
