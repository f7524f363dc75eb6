import { describe, expect, it } from "vitest";
import { ZoomAuthError } from "../../src/errors.js";
import { clientUnder, meetingBody, scriptedZoom, stubTokens, tokenValue, zoomError } from "./helpers.js";

const invalidToken = () => zoomError(401, 124, "Invalid access token.");

describe("401: the token provider decides", () => {
  it("hands the failed token and Zoom's code to unauthorized(), then retries with the new token", async () => {
    const zoom = scriptedZoom(invalidToken(), Response.json({ id: 1 }));
    const tokens = stubTokens();
    const client = clientUnder(zoom, { tokens: tokens.provider });

    const { data, response } = await client.GET("/meetings/{meetingId}", {
      params: { path: { meetingId: 1 } },
    });

    expect(response.status).toBe(200);
    expect(data).toEqual({ id: 1 });
    expect(tokens.calls).toHaveLength(1);
    expect(tokens.calls[0]?.token.value).toBe(tokenValue(1));
    expect(tokens.calls[0]?.detail).toEqual({ status: 401, zoomCode: 124, message: "Invalid access token." });
    expect(tokens.calls[0]?.attempt).toBe(1);
    expect(zoom.sent.map((s) => s.authorization)).toEqual([
      `Bearer ${tokenValue(1)}`,
      `Bearer ${tokenValue(2)}`,
    ]);
  });

  it("returns the second 401 as a value when the provider answers undefined", async () => {
    const zoom = scriptedZoom(invalidToken);
    const tokens = stubTokens();
    const client = clientUnder(zoom, { tokens: tokens.provider });

    const { error, response } = await client.GET("/meetings/{meetingId}", {
      params: { path: { meetingId: 1 } },
    });

    expect(response.status).toBe(401);
    expect(error).toEqual({ code: 124, message: "Invalid access token." });
    expect(zoom.sent).toHaveLength(2);
    expect(tokens.calls.map((c) => [c.attempt, c.token.value])).toEqual([
      [1, tokenValue(1)],
      [2, tokenValue(2)],
    ]);
  });

  it("lets a ZoomAuthError from the provider propagate to the caller", async () => {
    const rejected = new ZoomAuthError("app_rejected", "fresh tokens are refused");
    const zoom = scriptedZoom(invalidToken);
    const tokens = stubTokens(() => {
      throw rejected;
    });
    const client = clientUnder(zoom, { tokens: tokens.provider });

    await expect(client.GET("/meetings/{meetingId}", { params: { path: { meetingId: 1 } } })).rejects.toBe(
      rejected,
    );
    expect(zoom.sent).toHaveLength(1);
  });

  it("retries a POST after a 401 with its body intact (a rejection, not an unknown outcome)", async () => {
    const zoom = scriptedZoom(invalidToken(), Response.json({ id: 7 }, { status: 201 }));
    const client = clientUnder(zoom);

    const { data } = await client.POST("/users/{userId}/meetings", {
      params: { path: { userId: "host@example.com" } },
      body: meetingBody,
    });

    expect(data?.id).toBe(7);
    expect(zoom.sent.map((s) => JSON.parse(s.body))).toEqual([meetingBody, meetingBody]);
  });

  it("passes a 401 with a non-JSON body to the provider without a Zoom code", async () => {
    const zoom = scriptedZoom(
      new Response("<html>Unauthorized</html>", { status: 401, headers: { "content-type": "text/html" } }),
      Response.json({ id: 1 }),
    );
    const tokens = stubTokens();
    const client = clientUnder(zoom, { tokens: tokens.provider });

    const { response } = await client.GET("/meetings/{meetingId}", { params: { path: { meetingId: 1 } } });

    expect(response.status).toBe(200);
    expect(tokens.calls[0]?.detail).toEqual({ status: 401 });
  });

  it("never asks the provider more than three times per request, whatever it answers", async () => {
    const zoom = scriptedZoom(invalidToken);
    const tokens = stubTokens((_token, _detail, attempt) => tokens.makeToken(attempt + 1));
    const client = clientUnder(zoom, { tokens: tokens.provider });

    const { response } = await client.GET("/meetings/{meetingId}", { params: { path: { meetingId: 1 } } });

    expect(response.status).toBe(401);
    expect(tokens.calls).toHaveLength(3);
    expect(zoom.sent).toHaveLength(4);
  });
});
