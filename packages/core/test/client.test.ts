import { describe, expect, it } from "vitest";
import { createZoomClient } from "../src/index.js";

function fakeZoom() {
  const calls: { url: string; auth: string | null }[] = [];
  let mints = 0;
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    calls.push({ url: request.url, auth: request.headers.get("authorization") });
    if (request.url.startsWith("https://zoom.test/oauth/token")) {
      mints += 1;
      return Response.json({
        access_token: `tok-${mints}`,
        token_type: "bearer",
        expires_in: 3600,
        scope: "a b",
      });
    }
    return Response.json({ id: 12345678901, topic: "Standup" }, { status: 201 });
  };
  return { fetch, calls, mints: () => mints };
}

describe("createZoomClient", () => {
  it("mints once for concurrent calls and sends the token as a bearer header", async () => {
    const zoom = fakeZoom();
    const client = createZoomClient({
      accountId: "acc",
      clientId: "cid",
      clientSecret: "secret",
      oauthUrl: "https://zoom.test/oauth/token",
      baseUrl: "https://api.zoom.test/v2",
      fetch: zoom.fetch,
    });
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        client.POST("/users/{userId}/meetings", {
          params: { path: { userId: "host@example.com" } },
          body: { topic: "Standup", type: 2 },
        }),
      ),
    );
    expect(zoom.mints()).toBe(1);
    for (const { data } of results) expect(data?.id).toBe(12345678901);
    const apiCalls = zoom.calls.filter((c) => c.url.startsWith("https://api.zoom.test"));
    expect(apiCalls).toHaveLength(8);
    expect(apiCalls.every((c) => c.auth === "Bearer tok-1")).toBe(true);
  });
});
