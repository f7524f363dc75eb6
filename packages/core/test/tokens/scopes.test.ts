import { describe, expect, it } from "vitest";
import { parseMissingScopes } from "../../src/missing-scopes.js";
import { setup } from "./setup.js";

const lacking = (scope: string, status = 403) => ({
  status,
  zoomCode: 4711,
  message: `Invalid access token, does not contain scopes:[${scope}].`,
});

describe("token provider: missing scopes (4711) concern one operation, never the app", () => {
  it("parses the scopes Zoom names, and nothing that is not a scope", () => {
    expect(
      parseMissingScopes("Invalid access token, does not contain scopes:[meeting:write:admin]."),
    ).toEqual(["meeting:write:admin"]);
    expect(parseMissingScopes("does not contain scopes:[a:read, meeting:delete:admin]")).toEqual([
      "a:read",
      "meeting:delete:admin",
    ]);
    expect(parseMissingScopes("Invalid access token.")).toEqual([]);
    expect(parseMissingScopes(undefined)).toEqual([]);
    expect(parseMissingScopes("scopes:[<script>]")).toEqual([]);
  });

  it("re-checks with one fresh token for the whole fleet at most once per interval", async () => {
    const { tokens, zoom, clock, make } = setup({ scopeRecheckMs: 300_000 });
    const other = make();
    const first = await tokens.getToken();
    expect((await other.getToken()).fingerprint).toBe(first.fingerprint);
    // The first refusal mints one fresh token (it may carry a scope granted since)...
    const fresh = await tokens.scopesMissing(first, lacking("meeting:delete:admin"), {});
    expect(fresh?.fingerprint).not.toBe(first.fingerprint);
    expect(zoom.mints()).toBe(2);
    // ...which another process, refused with the old token, picks up from the store without minting.
    expect((await other.scopesMissing(first, lacking("meeting:delete:admin"), {}))?.fingerprint).toBe(
      fresh?.fingerprint,
    );
    // The fresh token is refused too: within the interval nobody mints again, the refusal is returned.
    expect(await tokens.scopesMissing(fresh!, lacking("meeting:delete:admin"), {})).toBeUndefined();
    expect(await other.scopesMissing(fresh!, lacking("meeting:delete:admin"), {})).toBeUndefined();
    expect(zoom.mints()).toBe(2);
    // Every other operation keeps using the fresh token; the circuit never opened.
    expect((await tokens.getToken()).fingerprint).toBe(fresh?.fingerprint);
    expect(tokens.stats().circuit.state).toBe("closed");
    expect(tokens.stats().mints.scopes).toBe(1);
    clock.advance(300_001);
    expect(await tokens.scopesMissing(fresh!, lacking("meeting:delete:admin"), {})).toBeDefined();
    expect(zoom.mints()).toBe(3);
  });

  it("re-checks even when the token lists the scope (a re-granted scope may work only for newer tokens)", async () => {
    const { tokens, zoom } = setup();
    const token = await tokens.getToken();
    // The fake endpoint grants "meeting:write:admin user:read:admin".
    expect(await tokens.scopesMissing(token, lacking("user:read:admin"), {})).toBeDefined();
    expect(zoom.mints()).toBe(2);
    expect(tokens.stats().scopes).toEqual({ missing: 1, rechecks: 1 });
  });

  it("answers many concurrent refusals in one process with one re-check", async () => {
    const { tokens, zoom } = setup();
    const token = await tokens.getToken();
    const answers = await Promise.all(
      Array.from({ length: 32 }, () => tokens.scopesMissing(token, lacking("webinar:read:admin"), {})),
    );
    expect(zoom.mints()).toBe(2);
    expect(new Set(answers.map((t) => t?.fingerprint)).size).toBe(1);
    expect(tokens.stats().scopes.rechecks).toBe(1);
  });
});
