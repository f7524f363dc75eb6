/**
 * API-key authentication: `Authorization: Bearer <key>`. Keys are compared as SHA-256 digests with
 * `timingSafeEqual`, against every configured key without stopping at the first match, so neither the
 * key's length nor which key matched shows in the response time.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";

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
 * Middleware that admits requests carrying one of `keys` as a bearer token and answers 401 otherwise.
 * `what` names the credential in the answer. @default "API key"
 *
 * @example
 * app.use("/meetings/*", apiKeyAuth(["a-long-random-key"]));
 */
export function apiKeyAuth(keys: readonly string[], what = "API key"): MiddlewareHandler {
  const isKnown = bearerCheck(keys);
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    if (!isKnown(header)) {
      c.header("WWW-Authenticate", 'Bearer realm="meetings-api"');
      return c.json(
        {
          error: "unauthorized",
          message: header
            ? `the ${what} is not valid`
            : `missing ${what}: send \`Authorization: Bearer <${what}>\``,
        },
        401,
      );
    }
    await next();
  };
}
