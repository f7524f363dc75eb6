/**
 * Zoom's answer for a token that lacks a scope the operation needs: code 4711, "Invalid access token,
 * does not contain scopes:[meeting:write:admin]." (FACTS.md; seen with HTTP 400, 401 and 403). It
 * concerns that operation only, never the app: every other operation keeps working with the same token.
 */

/** Zoom's error code for a missing scope. */
export const MISSING_SCOPES_CODE = 4711;

/** The scopes a 4711 message names (`scopes:[a, b]`), in order; empty when it names none. */
export function parseMissingScopes(message: string | undefined): string[] {
  const match = /scopes?\s*:?\s*\[([^\]]*)\]/i.exec(message ?? "");
  if (!match?.[1]) return [];
  return match[1]
    .split(/[\s,]+/)
    .map((scope) => scope.trim())
    .filter((scope) => /^[\w:.-]{1,128}$/.test(scope));
}
