/**
 * `baseUrl: "auto"`: requests go to the API host the token reply named (`api_url`, plus `/v2`), the
 * account's regional host. A token reply (or a record in a shared store) is not trusted to send bearer
 * tokens anywhere: only an https Zoom host (`zoom.us` or a subdomain, default port, no path) is used,
 * or an origin the caller allow-listed (how tests point it at a local simulator). Anything else is
 * refused before the request is sent.
 */
import type { Middleware } from "openapi-fetch";
import { ZoomConfigError, ZoomRequestError } from "./errors.js";
import { PipelineRequest } from "./pipeline/pipeline-request.js";
import type { TokenProvider } from "./tokens/types.js";

/** Where requests go before a token names a host, and when it names none. */
export const DEFAULT_API_BASE = "https://api.zoom.us/v2";

/** Scheme, host and port only: no credentials, path, query or fragment. */
function isBareOrigin(url: URL): boolean {
  return (
    url.username === "" &&
    url.password === "" &&
    (url.pathname === "/" || url.pathname === "") &&
    url.search === "" &&
    url.hash === ""
  );
}

/** Why an `api_url` cannot be used without an allow-list, or `undefined` when it is an https Zoom host. */
export function apiUrlProblem(url: URL): string | undefined {
  if (url.protocol !== "https:") return "is not https";
  if (!isBareOrigin(url)) return "is more than an origin (credentials, path, query or fragment)";
  if (url.port !== "") return "names a port";
  const host = url.hostname.toLowerCase();
  if (host !== "zoom.us" && !host.endsWith(".zoom.us")) return "is not a Zoom host (zoom.us or *.zoom.us)";
  return undefined;
}

/** The origins of `apiUrlAllowList`, checked at creation: each must be a bare http(s) origin. */
export function allowedOrigins(list: readonly string[] | undefined): ReadonlySet<string> {
  const origins = new Set<string>();
  for (const entry of list ?? []) {
    const url = URL.canParse(entry) ? new URL(entry) : undefined;
    if (url === undefined || (url.protocol !== "https:" && url.protocol !== "http:") || !isBareOrigin(url))
      throw new ZoomConfigError(
        "apiUrlAllowList",
        "apiUrlAllowList takes origins such as https://api.example.com or http://127.0.0.1:4010 (scheme, host and port; no path, query or credentials).",
      );
    origins.add(url.origin);
  }
  return origins;
}

/**
 * The API base (`<origin>/v2`) for a token's `api_url`: the default when it has none, the URL's origin
 * when it is an allow-listed origin or an https Zoom host; otherwise what is wrong with it.
 */
export function apiBaseFor(
  apiUrl: string | undefined,
  allowed: ReadonlySet<string>,
): { base: string } | { problem: string } {
  if (apiUrl === undefined || apiUrl === "") return { base: DEFAULT_API_BASE };
  if (!URL.canParse(apiUrl)) return { problem: "is not a URL" };
  const url = new URL(apiUrl);
  if (allowed.has(url.origin) && isBareOrigin(url)) return { base: `${url.origin}/v2` };
  const problem = apiUrlProblem(url);
  return problem === undefined ? { base: `${url.origin}/v2` } : { problem };
}

/**
 * The openapi-fetch middleware behind `baseUrl: "auto"`: the client is built on `DEFAULT_API_BASE`, and
 * each request is moved to the base the current token names. The token comes from the provider's
 * per-process copy (no I/O on the hot path); the pipeline then sends the request with that token.
 */
export function regionalApiUrl(tokens: TokenProvider, allowed: ReadonlySet<string>): Middleware {
  // One decision per distinct api_url: the same account always gets the same one.
  const decided = new Map<string, { base: string } | { problem: string }>();
  return {
    async onRequest({ request, schemaPath }) {
      const token = await tokens.getToken({ signal: request.signal });
      const key = token.apiUrl ?? "";
      let decision = decided.get(key);
      if (decision === undefined) {
        decision = apiBaseFor(token.apiUrl, allowed);
        if (decided.size < 16) decided.set(key, decision);
      }
      if ("problem" in decision) {
        // The host is named (it is not a secret, and it is what to check); never the token or the query.
        const host = URL.canParse(key) ? new URL(key).host : "an unreadable value";
        throw new ZoomRequestError(
          "untrusted_api_url",
          `${request.method} ${schemaPath} was not sent: the token reply's api_url (${host}) ${decision.problem}. baseUrl "auto" only follows https Zoom hosts; name other origins in apiUrlAllowList.`,
          { method: request.method, path: schemaPath, attempts: 0 },
        );
      }
      if (decision.base === DEFAULT_API_BASE) return undefined;
      return new PipelineRequest(decision.base + request.url.slice(DEFAULT_API_BASE.length), request);
    },
  };
}
