/**
 * API-key authentication: `Authorization: Bearer <key>`. Keys are compared as SHA-256 digests with
 * `timingSafeEqual`, against every configured key without stopping at the first match, so neither the
 * key's length nor which key matched shows in the response time.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { bearerAuth } from "hono/bearer-auth";

const REALM = 'Bearer realm="meetings-api"';

const digest = (value: string): Buffer => createHash("sha256").update(value, "utf8").digest();

/** True when `candidate` equals one of `keys`, in time independent of where or whether it matches. */
export function matchesApiKey(candidate: string, keyDigests: readonly Buffer[]): boolean {
  const candidateDigest = digest(candidate);
  let matched = false;
  for (const keyDigest of keyDigests) {
    // Non-short-circuiting on purpose: every key is compared.
    matched = timingSafeEqual(candidateDigest, keyDigest) || matched;
  }
  return matched;
}

/**
 * A check of `Authorization` headers against `keys`: true when the header is `Bearer <one of keys>`.
 *
 * @example
 * const isKnown = bearerCheck(apiKeys);
 * if (isKnown(c.req.header("authorization"))) showDetails();
 */
export function bearerCheck(keys: readonly string[]): (header: string | undefined) => boolean {
  const keyDigests = keys.map(digest);
  return (header) => {
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? "");
    return match?.[1] !== undefined && matchesApiKey(match[1], keyDigests);
  };
}

/**
 * Hono's bearer-auth middleware, admitting requests that carry one of `keys` as a bearer token and
 * answering 401 otherwise (also for a header that is not a bearer token at all, which Hono would answer
 * 400: the README documents 401 for every refused credential). Keys are checked with `matchesApiKey`
 * rather than Hono's own list check, which stops at the first match. `what` names the credential in the
 * answer. @default "API key"
 *
 * @example
 * app.use("/meetings/*", apiKeyAuth(["a-long-random-key"]));
 */
export function apiKeyAuth(keys: readonly string[], what = "API key"): MiddlewareHandler {
  const keyDigests = keys.map(digest);
  const refuse = (message: string) => ({
    message: () =>
      Response.json(
        { error: "unauthorized", message },
        { status: 401, headers: { "WWW-Authenticate": REALM } },
      ),
    wwwAuthenticateHeader: REALM,
  });
  return bearerAuth({
    verifyToken: (token) => matchesApiKey(token, keyDigests),
    noAuthenticationHeader: refuse(`missing ${what}: send \`Authorization: Bearer <${what}>\``),
    invalidAuthenticationHeader: refuse(`the ${what} is not valid`),
    invalidToken: refuse(`the ${what} is not valid`),
  });
}
