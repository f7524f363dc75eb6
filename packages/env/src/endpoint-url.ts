/**
 * Zoom's API and token endpoint receive the client secret (Basic auth) and bearer tokens, so they take
 * `https://`; plain `http://` only for a loopback host (the simulator), or anywhere when the operator
 * says so explicitly (`ZOOMKIT_ALLOW_INSECURE_HTTP=true`, e.g. a TLS-terminating sidecar).
 */
import { z } from "zod";

/** True for `localhost` (and `*.localhost`), 127.0.0.0/8 and `::1`: names that never leave the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    host === "::1" ||
    /^127(\.\d{1,3}){3}$/.test(host) ||
    host === "::ffff:127.0.0.1"
  );
}

/** An http(s) URL for a Zoom endpoint; whether `http:` is allowed is checked with `insecureUrlProblem`. */
export const endpointUrlSchema = z.url({ protocol: /^https?$/, message: "must be an http(s) URL" });

/**
 * The problem with `url` as a Zoom endpoint named `variable`, or `undefined`. Never echoes the URL.
 *
 * @example
 * insecureUrlProblem("ZOOM_API_URL", "http://zoom.internal/v2", false);
 * // "ZOOM_API_URL: http:// is allowed only for a loopback host ..."
 */
export function insecureUrlProblem(
  variable: string,
  url: string,
  allowInsecureHttp: boolean,
): string | undefined {
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" || allowInsecureHttp || isLoopbackHost(parsed.hostname)) return undefined;
  return (
    `${variable}: http:// is allowed only for a loopback host (localhost, 127.0.0.1, ::1): the client ` +
    "secret and access tokens would cross the network in cleartext. Use https://, or set " +
    "ZOOMKIT_ALLOW_INSECURE_HTTP=true if TLS is terminated on this machine"
  );
}
