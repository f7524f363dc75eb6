import { describe, expect, it } from "vitest";
import type { AccessToken, TokenProvider } from "../../src/tokens/types.js";
import { clientUnder, recordingSleep, scriptedZoom, stubTokens, tokenValue, zoomError } from "./helpers.js";

/** The stub provider, plus `accepted()` recording which tokens the API took. */
function acceptingTokens(onAccepted?: (token: AccessToken) => void) {
  const stub = stubTokens();
  const accepted: string[] = [];
  const provider: TokenProvider = {
    getToken: stub.provider.getToken,
    unauthorized: stub.provider.unauthorized,
    accepted(token) {
      accepted.push(token.value);
      onAccepted?.(token);
    },
  };
  return { provider, accepted, calls: stub.calls };
}

const getMeeting = (client: ReturnType<typeof clientUnder>) =>
  client.GET("/meetings/{meetingId}", { params: { path: { meetingId: 1 } } });

describe("accepted(): the pipeline says which tokens the API took", () => {
  it("calls accepted() with the token after a 200", async () => {
    const tokens = acceptingTokens();
    const { response } = await getMeeting(
      clientUnder(scriptedZoom(Response.json({ id: 1 })), { tokens: tokens.provider }),
    );
    expect(response.status).toBe(200);
    expect(tokens.accepted).toEqual([tokenValue(1)]);
  });

  it("calls accepted() after a 404 returned as a value (Zoom read the token to say so)", async () => {
    const tokens = acceptingTokens();
    const zoom = scriptedZoom(zoomError(404, 3001, "Meeting does not exist: 1."));
    const { response } = await getMeeting(clientUnder(zoom, { tokens: tokens.provider }));
    expect(response.status).toBe(404);
    expect(tokens.accepted).toEqual([tokenValue(1)]);
  });

  it("never calls accepted() for a 5xx, which a gateway may send without reading the token", async () => {
    const tokens = acceptingTokens();
    const zoom = scriptedZoom(() => zoomError(503, 0, "Service unavailable"));
    const { sleep } = recordingSleep();
    const { response } = await getMeeting(clientUnder(zoom, { tokens: tokens.provider, sleep }));
    expect(response.status).toBe(503);
    expect(zoom.sent).toHaveLength(3);
    expect(tokens.accepted).toEqual([]);
  });

  it("never calls accepted() for a 401, only for the retry's answer with the new token", async () => {
    const tokens = acceptingTokens();
    const zoom = scriptedZoom(zoomError(401, 124, "Invalid access token."), Response.json({ id: 1 }));
    const { response } = await getMeeting(clientUnder(zoom, { tokens: tokens.provider }));
    expect(response.status).toBe(200);
    expect(tokens.calls.map((c) => c.token.value)).toEqual([tokenValue(1)]);
    expect(tokens.accepted).toEqual([tokenValue(2)]);
  });

  it("does not call accepted() when the 401 is returned", async () => {
    const tokens = acceptingTokens();
    const zoom = scriptedZoom(() => zoomError(401, 124, "Invalid access token."));
    const { response } = await getMeeting(clientUnder(zoom, { tokens: tokens.provider }));
    expect(response.status).toBe(401);
    expect(tokens.calls).toHaveLength(2);
    expect(tokens.accepted).toEqual([]);
  });

  it("returns the response even when accepted() throws", async () => {
    const tokens = acceptingTokens(() => {
      throw new Error("provider bug");
    });
    const { data } = await getMeeting(
      clientUnder(scriptedZoom(Response.json({ id: 1 })), { tokens: tokens.provider }),
    );
    expect(data).toEqual({ id: 1 });
    expect(tokens.accepted).toHaveLength(1);
  });

  it("works with a provider that has no accepted()", async () => {
    const { data } = await getMeeting(clientUnder(scriptedZoom(Response.json({ id: 1 }))));
    expect(data).toEqual({ id: 1 });
  });
});
