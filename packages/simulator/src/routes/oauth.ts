/**
 * `POST /oauth/token` with `grant_type=account_credentials` (FACTS.md, "Token endpoint"): parameters as
 * a form body or in the query string, client credentials by HTTP Basic (or as `client_id` and
 * `client_secret` parameters). Errors use OAuth's `{ reason, error }` body, which is what Zoom's token
 * endpoint sends, plus the numeric `code` from Zoom's OAuth error table (4700-4706).
 */
import type { Hono } from "hono";
import { BodyProblem, type OAuthRefusal, readText, type SimContext, type SimEnv } from "../http.js";
import { isRefusal, onMint } from "../incidents/index.js";
import type { Simulation } from "../simulation.js";
import { carriesToken, deformedReply, type TokenBody, takeTokenReply } from "../token-reply.js";

const ERRORS = {
  missingGrant: { status: 400, code: 4706, error: "invalid_request", reason: "Missing grant type" },
  unsupportedGrant: {
    status: 400,
    code: 4705,
    error: "unsupported_grant_type",
    reason: "unsupported grant type",
  },
  missingClient: {
    status: 400,
    code: 4706,
    error: "invalid_request",
    reason: "Client ID or client secret is missing.",
  },
  unknownClient: {
    status: 401,
    code: 4702,
    error: "invalid_client",
    reason: "Invalid client_id or client_secret",
  },
  wrongSecret: {
    status: 401,
    code: 4704,
    error: "invalid_client",
    reason: "Invalid client_id or client_secret",
  },
  missingAccount: {
    status: 400,
    code: 4700,
    error: "invalid_request",
    reason: "Missing required parameter: account_id",
  },
  wrongAccount: { status: 400, code: 4700, error: "invalid_request", reason: "Invalid account_id" },
} satisfies Record<string, OAuthRefusal>;

export function registerOAuth(app: Hono<SimEnv>, sim: Simulation): void {
  app.post("/oauth/token", sim.operation("oauthToken"), sim.faults("token"), (c) => token(c, sim));
  app.all("/oauth/token", sim.operation("oauthToken"), (c) => sim.methodNotAllowed(c, "POST"));
}

async function token(c: SimContext, sim: Simulation): Promise<Response> {
  const params = await readParams(c, sim.maxBodyBytes);
  if (params instanceof BodyProblem) return params.respond(c);
  const grant = params.get("grant_type");
  if (!grant) return refuse(c, sim, ERRORS.missingGrant);
  if (grant !== "account_credentials") return refuse(c, sim, ERRORS.unsupportedGrant);
  const client = clientCredentials(c.req.header("authorization"), params);
  if (!client) return refuse(c, sim, ERRORS.missingClient);
  const checked = sim.registry.checkClient(client.id, client.secret);
  if (!checked.ok) return refuse(c, sim, checked.code === 4702 ? ERRORS.unknownClient : ERRORS.wrongSecret);
  const accountId = params.get("account_id");
  if (!accountId) return refuse(c, sim, ERRORS.missingAccount);
  if (accountId !== checked.app.accountId) return refuse(c, sim, ERRORS.wrongAccount);

  const switches = sim.switches;
  const scopes = onMint(switches.incidents[checked.app.clientId], checked.app.scopes);
  if (isRefusal(scopes)) return refuse(c, sim, scopes);
  const deform = takeTokenReply(switches);
  // A deformed answer without a token stands for a broken reply path: nothing was minted behind it.
  const mint = deform === null || carriesToken(deform);
  const body: TokenBody = {
    access_token: mint
      ? sim.registry.mint(
          checked.app,
          checked.secretVersion,
          switches.tokenTtlSeconds,
          switches.tokenModel,
          scopes,
        )
      : "",
    token_type: "bearer",
    expires_in: switches.tokenTtlSeconds,
    scope: scopes.join(" "),
    api_url: sim.apiUrl,
  };
  if (mint) sim.counters.mint(checked.app.clientId);
  if (deform) {
    sim.counters.faults.token.malformed += 1;
    return deformedReply(deform, body);
  }
  c.header("cache-control", "no-store");
  return c.json(body);
}

function refuse(c: SimContext, sim: Simulation, e: OAuthRefusal): Response {
  sim.counters.mintError(e.code);
  return c.json({ reason: e.reason, error: e.error, code: e.code }, e.status);
}

/** Query string and form body together; the body wins where both name a parameter. */
async function readParams(c: SimContext, max: number): Promise<URLSearchParams | BodyProblem> {
  const params = new URL(c.req.url).searchParams;
  const type = c.req.header("content-type") ?? "";
  const text = await readText(c, max);
  if (text instanceof BodyProblem) return text;
  if (/^application\/x-www-form-urlencoded\b/i.test(type) && text) {
    for (const [key, value] of new URLSearchParams(text)) params.set(key, value);
  }
  return params;
}

function clientCredentials(
  header: string | undefined,
  params: URLSearchParams,
): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header ?? "");
  if (match?.[1]) {
    const decoded = Buffer.from(match[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0 && colon < decoded.length - 1) {
      return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
    }
    return undefined;
  }
  const id = params.get("client_id");
  const secret = params.get("client_secret");
  return id && secret ? { id, secret } : undefined;
}
