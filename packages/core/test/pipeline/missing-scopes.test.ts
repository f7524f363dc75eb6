import { describe, expect, it } from "vitest";
import type { ZoomEventMap } from "../../src/events.js";
import { parseZoomError } from "../../src/pipeline/zoom-error.js";
import type { AccessToken, RejectionDetail } from "../../src/tokens/types.js";
import { clientUnder, scriptedZoom, stubTokens, tokenValue, zoomError } from "./helpers.js";

const lacking = (status: number) =>
  zoomError(status, 4711, "Invalid access token, does not contain scopes:[meeting:delete:admin].");

/** The stub provider plus `scopesMissing`, answering with `fresh` (or nothing). */
function scopedTokens(fresh?: AccessToken) {
  const stub = stubTokens();
  const scopeCalls: RejectionDetail[] = [];
  const accepted: string[] = [];
  const provider = {
    ...stub.provider,
    async scopesMissing(_token: AccessToken, detail: RejectionDetail) {
      scopeCalls.push(detail);
      return fresh;
    },
    accepted(token: AccessToken) {
      accepted.push(token.value);
    },
  };
  return { provider, scopeCalls, accepted, unauthorizedCalls: stub.calls, makeToken: stub.makeToken };
}

function hooks() {
  const seen: ZoomEventMap["missingScopes"][] = [];
  return { seen, hooks: { missingScopes: (e: ZoomEventMap["missingScopes"]) => seen.push(e) } };
}

describe("a missing scope (4711) concerns the request, not the token or the app", () => {
  for (const status of [400, 401, 403]) {
    it(`returns a ${status} with code 4711 as a value, scopes named, without calling unauthorized()`, async () => {
      const zoom = scriptedZoom(lacking(status));
      const tokens = scopedTokens();
      const { seen, hooks: h } = hooks();
      const client = clientUnder(zoom, { tokens: tokens.provider, hooks: h });
      const { error, response } = await client.DELETE("/meetings/{meetingId}", {
        params: { path: { meetingId: 42 } },
      });
      expect(response.status).toBe(status);
      expect(parseZoomError(error)).toMatchObject({ code: 4711, missingScopes: ["meeting:delete:admin"] });
      expect(tokens.unauthorizedCalls).toHaveLength(0);
      expect(tokens.scopeCalls).toEqual([
        {
          status,
          zoomCode: 4711,
          message: "Invalid access token, does not contain scopes:[meeting:delete:admin].",
        },
      ]);
      // Zoom read the token to say so: the app itself is accepted.
      expect(tokens.accepted).toEqual([tokenValue(1)]);
      expect(seen).toEqual([
        {
          method: "DELETE",
          path: "/v2/meetings/42",
          status,
          scopes: ["meeting:delete:admin"],
          willRetry: false,
        },
      ]);
      expect(zoom.sent).toHaveLength(1);
    });
  }

  it("retries once with the fresh token the provider gives, and no more", async () => {
    const zoom = scriptedZoom(lacking(403), lacking(403));
    const tokens = scopedTokens();
    const fresh = tokens.makeToken(7);
    const withFresh = scopedTokens(fresh);
    const { seen, hooks: h } = hooks();
    const client = clientUnder(zoom, { tokens: withFresh.provider, hooks: h });
    const { response } = await client.DELETE("/meetings/{meetingId}", {
      params: { path: { meetingId: 42 } },
    });
    expect(response.status).toBe(403);
    expect(zoom.sent.map((s) => s.authorization)).toEqual([
      `Bearer ${tokenValue(1)}`,
      `Bearer ${tokenValue(7)}`,
    ]);
    expect(withFresh.scopeCalls).toHaveLength(1);
    expect(seen.map((e) => e.willRetry)).toEqual([true, false]);
  });

  it("leaves other 400s and 403s alone", async () => {
    const zoom = scriptedZoom(zoomError(400, 300, "Invalid meeting id."));
    const tokens = scopedTokens();
    const client = clientUnder(zoom, { tokens: tokens.provider });
    const { response } = await client.GET("/meetings/{meetingId}", { params: { path: { meetingId: 1 } } });
    expect(response.status).toBe(400);
    expect(tokens.scopeCalls).toHaveLength(0);
    expect(tokens.accepted).toEqual([tokenValue(1)]);
  });
});
