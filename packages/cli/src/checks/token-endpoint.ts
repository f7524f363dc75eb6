/**
 * The token endpoint accepts the credentials: through the fleet's engine, so the fleet's current token
 * from the store is used when there is one (nothing minted), and a mint goes through the lease, the
 * budget, the circuit and the backoff like any process's.
 */
import { type AccessToken, ZoomAuthError, type ZoomTokenProvider } from "@zoomkit/core";
import { see } from "../guide.js";
import type { CheckResult } from "../report.js";

/** What to do for each Zoom code of the token endpoint (FACTS.md, "Token endpoint errors"). */
const BY_ZOOM_CODE: Record<number, string> = {
  4700: "Zoom does not know the account id, or the account is suspended: check ZOOM_ACCOUNT_ID against the app's App Credentials page",
  4702: "Zoom does not know the client id (a typo, or the app was deleted): check ZOOM_CLIENT_ID",
  4704: "the client secret is wrong for this client id (regenerated or rotated in the Marketplace?): set ZOOM_CLIENT_SECRET to the current secret",
  4705: "the app is not a Server-to-Server OAuth app (grant type refused): use the credentials of a Server-to-Server OAuth app",
  4706: "the client id or secret is missing from the request: check ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET",
  4709: "the app cannot mint for this account (not activated, or not allowed): activate the app in the Marketplace",
};

/** Zoom's code as the engine's message names it (`code 4704`). */
export function zoomCodeIn(message: string): number | undefined {
  const match = /\bcode (\d{3,4})\b/.exec(message);
  return match ? Number(match[1]) : undefined;
}

export type TokenOutcome = { token: AccessToken; minted: boolean } | { error: unknown };

export async function fetchToken(tokens: ZoomTokenProvider): Promise<TokenOutcome> {
  const before = tokens.stats().mints.total;
  try {
    const token = await tokens.getToken();
    return { token, minted: tokens.stats().mints.total > before };
  } catch (error) {
    return { error };
  }
}

export function checkTokenEndpoint(outcome: TokenOutcome): CheckResult {
  if ("token" in outcome) {
    return {
      id: "token-endpoint",
      status: "pass",
      summary: outcome.minted
        ? `accepted the credentials: minted one token (${outcome.token.fingerprint}); the store had none usable`
        : `not asked: the fleet's token ${outcome.token.fingerprint} from the store is valid (minted nothing)`,
    };
  }
  const error = outcome.error;
  if (!(error instanceof ZoomAuthError)) {
    return {
      id: "token-endpoint",
      status: "unknown",
      summary: `could not ask: ${String(error).slice(0, 200)}`,
    };
  }
  const code = zoomCodeIn(error.message);
  switch (error.code) {
    case "invalid_credentials":
      return {
        id: "token-endpoint",
        status: "fail",
        summary: `Zoom refused the credentials${code ? ` (code ${code})` : ""}`,
        fix: `${(code && BY_ZOOM_CODE[code]) ?? "check the account id, client id and client secret, and that the app is activated"}; ${see("invalid_credentials")}`,
      };
    case "app_rejected":
      return {
        id: "token-endpoint",
        status: "skip",
        summary: "not asked: the fleet's circuit is open (see circuit)",
      };
    case "mint_budget_exhausted":
      return {
        id: "token-endpoint",
        status: "skip",
        summary: "not asked: the fleet's mint budget is spent (see mint-budget)",
      };
    case "token_endpoint_unavailable":
    case "malformed_token_response":
      return {
        id: "token-endpoint",
        status: "unknown",
        summary: `no answer to judge: ${error.code}`,
        fix: `check network access to ZOOM_OAUTH_URL (Zoom's token endpoint) from here; ${see(error.code)}`,
      };
    default:
      return {
        id: "token-endpoint",
        status: "fail",
        summary: error.code,
        fix: see(error.code),
      };
  }
}
