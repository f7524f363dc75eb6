/**
 * The token's `api_url` against the configured API base, and one harmless API call: a user lookup
 * (`--user`, or the first user of the account's list), through the same pipeline as the services, so a
 * refused fresh token opens the fleet's circuit exactly as it would for them.
 */
import {
  type AccessToken,
  parseZoomError,
  type TokenStats,
  ZoomAuthError,
  type ZoomClient,
} from "@zoomkit/core";
import { see } from "../guide.js";
import type { CheckResult } from "../report.js";
import { checkTokenEndpoint } from "./token-endpoint.js";

export function checkApiUrl(token: AccessToken, apiUrl: string): CheckResult {
  if (!token.apiUrl) return { id: "api-url", status: "pass", summary: "the token names no api_url" };
  const expected = new URL(token.apiUrl).origin;
  const configured = new URL(apiUrl).origin;
  if (expected === configured) {
    return {
      id: "api-url",
      status: "pass",
      summary: `ZOOM_API_URL is on the account's API host ${expected}`,
    };
  }
  return {
    id: "api-url",
    status: "fail",
    summary: `the account's API host is ${expected}, ZOOM_API_URL points at ${configured}`,
    fix: `set ZOOM_API_URL=${expected}/v2 (Zoom names the host per account, regional hosts exist); ${see("api-url")}`,
  };
}

function refused(status: number, code: number | undefined, what: string): CheckResult {
  if (code === 4711) {
    return {
      id: "api-call",
      status: "fail",
      summary: `${what}: refused for a missing scope (HTTP ${status}, code 4711)`,
      fix: `add the scope the scopes check names, then \`zoomkit token drop\`; ${see("missing-scopes-4711")}`,
    };
  }
  if (code === 1001 || status === 404) {
    return {
      id: "api-call",
      status: "fail",
      summary: `${what}: no such user (HTTP ${status}${code ? `, code ${code}` : ""})`,
      fix: "pass --user with the id or e-mail of a user of this account",
    };
  }
  return {
    id: "api-call",
    status: status === 401 ? "fail" : "unknown",
    summary: `${what}: HTTP ${status}${code ? `, code ${code}` : ""}`,
    ...(status === 401 ? { fix: see("app_rejected") } : {}),
  };
}

/** Looks one user up. `user` undefined: the first user of `GET /users`. */
export async function checkApiCall(client: ZoomClient, user: string | undefined): Promise<CheckResult> {
  try {
    let userId = user;
    if (userId === undefined) {
      const list = await client.GET("/users", { params: { query: { page_size: 1 } } });
      if (!list.response.ok) {
        return refused(list.response.status, parseZoomError(list.error).code, "GET /users");
      }
      userId = list.data?.users?.[0]?.id;
      if (!userId)
        return { id: "api-call", status: "unknown", summary: "GET /users: the account lists no user" };
    }
    const { response, error } = await client.GET("/users/{userId}", { params: { path: { userId } } });
    if (response.ok) {
      return {
        id: "api-call",
        status: "pass",
        summary: `GET /users/{userId} accepted (HTTP ${response.status})`,
      };
    }
    return refused(response.status, parseZoomError(error).code, "GET /users/{userId}");
  } catch (error) {
    if (error instanceof ZoomAuthError && error.code === "app_rejected") {
      return {
        id: "api-call",
        status: "fail",
        summary:
          "Zoom refused a token minted moments ago (code 124): the app itself is refused; the fleet's circuit is now open",
        fix: `check in the Marketplace that the app is activated, its owner active with the role it needs, its secret current and its scopes in place; then \`zoomkit circuit reset\`; ${see("app_rejected")}`,
      };
    }
    if (error instanceof ZoomAuthError) {
      // The store's token was refused and a fresh one could not be had: the token endpoint's answer says why.
      return { ...checkTokenEndpoint({ error }), id: "api-call" };
    }
    return {
      id: "api-call",
      status: "unknown",
      summary: `no answer: ${error instanceof Error ? error.name : "error"}`,
      fix: "check network access to ZOOM_API_URL from here",
    };
  }
}

/**
 * The API refused the fleet's token yet took a fresh one: the token was revoked behind the fleet's back.
 * With tokens that coexist that does not happen; it does when each mint revokes the app's older tokens
 * (Zoom before mid-2023, still reported) and something outside this store mints for the same app.
 */
export function checkTokenReuse(stats: TokenStats, apiCall: CheckResult): CheckResult {
  if (apiCall.status !== "pass") {
    return { id: "fleet-token", status: "skip", summary: "not checked: the API call did not pass" };
  }
  if (stats.unauthorized.seen === 0) {
    return { id: "fleet-token", status: "pass", summary: "the API took the fleet's token as it was" };
  }
  return {
    id: "fleet-token",
    status: "fail",
    summary: `the API refused the fleet's token (code 124) but took a fresh one: something outside this store mints tokens for the same app, and each mint revokes the older ones`,
    fix: `make every process and tool using these credentials share one ZOOMKIT_STORE and ZOOMKIT_STORE_NAMESPACE (one token per app), or give them separate apps; ${see("too-many-tokens")}`,
  };
}
