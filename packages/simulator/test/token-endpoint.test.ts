import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEFAULT_APP, DEFAULT_SCOPES, startZoomSimulator, type ZoomSimulator } from "../src/index.js";
import { api, basic, json, mint, tokenRequest } from "./helpers.js";

const OTHER = {
  accountId: "acct-2",
  clientId: "client-2",
  clientSecret: "secret-2",
  scopes: ["meeting:read:admin"],
};
let sim: ZoomSimulator;

beforeAll(async () => {
  sim = await startZoomSimulator({ apps: [DEFAULT_APP, OTHER], tokenTtlSeconds: 120 });
});
afterAll(() => sim.close());

describe("token endpoint", () => {
  test("mints with a form body and Basic auth, in Zoom's response shape", async () => {
    const response = await tokenRequest(sim);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await json(response);
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: "bearer",
      expires_in: 120,
      scope: DEFAULT_SCOPES.join(" "),
      api_url: sim.url,
    });
    expect((body.access_token as string).length).toBeGreaterThanOrEqual(64);
  });

  test("accepts the parameters in the query string", async () => {
    const response = await fetch(
      `${sim.oauthUrl}?grant_type=account_credentials&account_id=${DEFAULT_APP.accountId}`,
      {
        method: "POST",
        headers: { authorization: basic(DEFAULT_APP.clientId, DEFAULT_APP.clientSecret) },
      },
    );
    expect(response.status).toBe(200);
  });

  test("accepts client_id and client_secret as parameters when there is no Basic header", async () => {
    const response = await fetch(sim.oauthUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "account_credentials",
        account_id: DEFAULT_APP.accountId,
        client_id: DEFAULT_APP.clientId,
        client_secret: DEFAULT_APP.clientSecret,
      }),
    });
    expect(response.status).toBe(200);
  });

  test("mints a new, different token on every request", async () => {
    const tokens = await Promise.all(Array.from({ length: 20 }, () => mint(sim)));
    expect(new Set(tokens).size).toBe(20);
  });

  test("serves several apps on several accounts, each with its own scopes", async () => {
    const response = await tokenRequest(sim, OTHER);
    const body = await json(response);
    expect(body.scope).toBe("meeting:read:admin");
    const token = body.access_token as string;
    expect((await api(sim, "GET", "/users/host@example.com/meetings", { token })).status).toBe(200);
    expect((await api(sim, "POST", "/users/host@example.com/meetings", { token, body: {} })).status).toBe(
      401,
    );
  });

  const cases: [string, () => Promise<Response>, number, Record<string, unknown>][] = [
    [
      "a wrong secret",
      () => tokenRequest(sim, { ...DEFAULT_APP, clientSecret: "nope" }),
      401,
      { error: "invalid_client", code: 4704 },
    ],
    [
      "an unknown client",
      () => tokenRequest(sim, { ...DEFAULT_APP, clientId: "nobody" }),
      401,
      { error: "invalid_client", code: 4702 },
    ],
    [
      "missing client credentials",
      () =>
        fetch(sim.oauthUrl, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "grant_type=account_credentials&account_id=sim-account-1",
        }),
      400,
      { error: "invalid_request", code: 4706 },
    ],
    [
      "a Basic header without a secret",
      () =>
        fetch(`${sim.oauthUrl}?grant_type=account_credentials&account_id=x`, {
          method: "POST",
          headers: { authorization: `Basic ${Buffer.from("sim-client-id:").toString("base64")}` },
        }),
      400,
      { error: "invalid_request", code: 4706 },
    ],
    [
      "a missing grant_type",
      () => tokenRequest(sim, DEFAULT_APP, { account_id: DEFAULT_APP.accountId }),
      400,
      { code: 4706 },
    ],
    [
      "an unsupported grant type",
      () =>
        tokenRequest(sim, DEFAULT_APP, {
          grant_type: "client_credentials",
          account_id: DEFAULT_APP.accountId,
        }),
      400,
      { error: "unsupported_grant_type", code: 4705 },
    ],
    [
      "a missing account_id",
      () => tokenRequest(sim, DEFAULT_APP, { grant_type: "account_credentials" }),
      400,
      { error: "invalid_request", code: 4700 },
    ],
    [
      "another account's id",
      () =>
        tokenRequest(sim, DEFAULT_APP, { grant_type: "account_credentials", account_id: OTHER.accountId }),
      400,
      { error: "invalid_request", code: 4700 },
    ],
  ];
  for (const [name, call, status, expected] of cases) {
    test(`refuses ${name} with HTTP ${status} and code ${expected.code}`, async () => {
      const response = await call();
      expect(response.status).toBe(status);
      const body = await json(response);
      expect(body).toMatchObject(expected);
      expect(body.reason).toEqual(expect.any(String));
      expect(body).not.toHaveProperty("access_token");
    });
  }

  test("answers 405 to other methods", async () => {
    const response = await fetch(sim.oauthUrl);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  test("counts mints per app and refusals per code", async () => {
    const before = sim.stats();
    await mint(sim, OTHER);
    await tokenRequest(sim, { ...OTHER, clientSecret: "bad" });
    const after = sim.stats();
    expect(after.mints[OTHER.clientId]).toBe((before.mints[OTHER.clientId] ?? 0) + 1);
    expect(after.mintErrors["4704"]).toBe((before.mintErrors["4704"] ?? 0) + 1);
  });
});
