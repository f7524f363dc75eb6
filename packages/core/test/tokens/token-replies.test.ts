import { describe, expect, it } from "vitest";
import { mintToken } from "../../src/index.js";
import { credentialKeys } from "../../src/tokens/keys.js";
import { OAUTH_URL } from "./fake-token-endpoint.js";
import { base, setup } from "./setup.js";

const credentials = { accountId: "acc-1", clientId: "client-1", clientSecret: "the-secret" };
const json = (body: unknown) => () => Response.json(body);
const good = { access_token: "tok-abc", token_type: "bearer", expires_in: 3600, scope: "a b" };

/** Replies that are not a usable token, whatever their status: each must be `malformed_token_response`. */
const malformed: [string, () => Response][] = [
  ["HTML with status 200", () => new Response("<html><body>Sign in</body></html>", { status: 200 })],
  ["an empty body", () => new Response("", { status: 200 })],
  ["a JSON array", json([good])],
  ["no access_token", json({ ...good, access_token: undefined })],
  ["an empty access_token", json({ ...good, access_token: "" })],
  ["a token with spaces (a header injection)", json({ ...good, access_token: "tok\r\nx-evil: 1" })],
  ["a token of 20 KiB", json({ ...good, access_token: "t".repeat(20 * 1024) })],
  ["expires_in 1e400 (Infinity)", () => new Response('{"access_token":"tok","expires_in":1e400}')],
  ["expires_in of a year", json({ ...good, expires_in: 365 * 86_400 })],
  ["a fractional expires_in", json({ ...good, expires_in: 0.001 })],
  ["expires_in 0", json({ ...good, expires_in: 0 })],
  ["a negative expires_in", json({ ...good, expires_in: -5 })],
  ["expires_in as a string", json({ ...good, expires_in: "3600" })],
  ["no expires_in", json({ ...good, expires_in: undefined })],
  ["a body over 64 KiB", json({ ...good, padding: "x".repeat(70 * 1024) })],
  [
    "a chunked body over 64 KiB",
    () =>
      new Response(
        new ReadableStream({
          start(controller) {
            for (let i = 0; i < 80; i++) controller.enqueue(new TextEncoder().encode("x".repeat(1024)));
            controller.close();
          },
        }),
      ),
  ],
];

describe("token replies are validated and bounded", () => {
  for (const [name, reply] of malformed) {
    it(`refuses ${name} as malformed_token_response`, async () => {
      const error = await mintToken({ credentials, oauthUrl: OAUTH_URL, fetch: async () => reply() }).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ name: "ZoomAuthError", code: "malformed_token_response" });
      expect((error as Error).message).not.toContain("the-secret");
    });
  }

  it("accepts Zoom's reply: an hour-long token with its scopes and API host", async () => {
    const token = await mintToken({
      credentials,
      oauthUrl: OAUTH_URL,
      fetch: async () => Response.json({ ...good, api_url: "https://api.zoom.us" }),
      now: () => 1_000,
    });
    expect(token).toMatchObject({ value: "tok-abc", expiresAt: 1_000 + 3_600_000, scopes: ["a", "b"] });
    expect(token.apiUrl).toBe("https://api.zoom.us");
  });

  it("stores nothing of a malformed reply and backs off from it like an outage", async () => {
    const { tokens, zoom, store } = setup();
    zoom.answerWith(() => new Response('{"access_token":"tok","expires_in":1e400}'));
    await expect(tokens.getToken()).rejects.toMatchObject({ code: "malformed_token_response" });
    await expect(tokens.getToken()).rejects.toMatchObject({ code: "malformed_token_response" });
    expect(zoom.requests()).toBe(1);
    const keys = credentialKeys("zoomkit:", base.accountId, base.clientId, base.clientSecret);
    expect(await store.get(keys.token)).toBeNull();
  });

  it("never puts what an injected fetch threw into the error (it may hold the Basic credentials)", async () => {
    const basic = Buffer.from("client-1:the-secret").toString("base64");
    const error = await mintToken({
      credentials,
      oauthUrl: OAUTH_URL,
      fetch: async () => {
        throw new Error(`request failed with authorization: Basic ${basic}`);
      },
    }).then(
      () => new Error("minted"),
      (e: unknown) => e as Error,
    );
    expect(error).toMatchObject({ code: "token_endpoint_unavailable" });
    expect(JSON.stringify({ m: error.message, c: String(error.cause) })).not.toContain(basic);
  });
});
