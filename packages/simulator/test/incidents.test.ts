import { describe, expect, test } from "vitest";
import { DEFAULT_APP, type ZoomSimulator } from "../src/index.js";
import { api, json, manualClock, mint, simPost, simulatorPerTest, tokenRequest } from "./helpers.js";

const start = simulatorPerTest();
const status = async (s: ZoomSimulator, token: string, method = "GET", path = "/users/me", body?: unknown) =>
  (await api(s, method, path, { token, body })).status;

describe("app deactivated", () => {
  test("minting still works but every API call gets 401/124, even with a brand-new token", async () => {
    const s = await start();
    const before = await mint(s);
    s.control.deactivateApp();
    const fresh = await mint(s);
    for (const token of [before, fresh]) {
      const response = await api(s, "GET", "/users/me", { token });
      expect(response.status).toBe(401);
      expect(await json(response)).toEqual({ code: 124, message: "Invalid access token." });
    }
    expect(s.stats().unauthorized.deactivated).toBe(2);
    s.control.reactivateApp();
    expect(await status(s, fresh)).toBe(200);
  });

  test("can start deactivated and be switched over HTTP", async () => {
    const s = await start({ incidents: { [DEFAULT_APP.clientId]: { deactivated: true } } });
    const token = await mint(s);
    expect(await status(s, token)).toBe(401);
    expect((await simPost(s, `/apps/${DEFAULT_APP.clientId}/reactivate`)).status).toBe(200);
    expect(await status(s, token)).toBe(200);
    expect((await simPost(s, `/apps/${DEFAULT_APP.clientId}/deactivate`)).status).toBe(200);
    expect(await status(s, token)).toBe(401);
    expect((await simPost(s, "/apps/nobody/deactivate")).status).toBe(404);
  });
});

describe("secret rotation", () => {
  test("old and new secrets both mint until the grace period ends", async () => {
    const clock = manualClock();
    const s = await start({ now: clock.now });
    const { newSecret } = s.control.rotateSecret({ graceSeconds: 60 });
    const rotated = { ...DEFAULT_APP, clientSecret: newSecret };
    expect((await tokenRequest(s)).status).toBe(200);
    expect((await tokenRequest(s, rotated)).status).toBe(200);
    clock.advance(60_000);
    const old = await tokenRequest(s);
    expect(old.status).toBe(401);
    expect(await json(old)).toMatchObject({ error: "invalid_client", code: 4704 });
    expect((await tokenRequest(s, rotated)).status).toBe(200);
  });

  test("tokens minted with the old secret: kept, revoked at the grace end, or revoked now", async () => {
    const clock = manualClock();
    const s = await start({ now: clock.now, tokenTtlSeconds: 3600 });
    const kept = await mint(s);
    s.control.rotateSecret({ newSecret: "s2", graceSeconds: 10, oldTokens: "keep" });
    const app2 = { ...DEFAULT_APP, clientSecret: "s2" };
    const atGraceEnd = await mint(s, app2);
    s.control.rotateSecret({ newSecret: "s3", graceSeconds: 10, oldTokens: "revoke-at-grace-end" });
    const app3 = { ...DEFAULT_APP, clientSecret: "s3" };
    const now = await mint(s, app3);
    expect(await status(s, kept)).toBe(200);
    expect(await status(s, atGraceEnd)).toBe(200);
    clock.advance(10_000);
    expect(await status(s, kept)).toBe(200);
    expect(await status(s, atGraceEnd)).toBe(401);
    expect(s.stats().unauthorized.revoked).toBe(1);
    s.control.rotateSecret({ newSecret: "s4", oldTokens: "revoke-now" });
    expect(await status(s, now)).toBe(401);
    expect((await tokenRequest(s, app3)).status).toBe(401);
  });

  test("rotates over HTTP, and the control validates the request", async () => {
    const s = await start();
    const response = await simPost(s, `/apps/${DEFAULT_APP.clientId}/rotate-secret`, { newSecret: "fresh" });
    expect(await json(response)).toEqual({ clientId: DEFAULT_APP.clientId, newSecret: "fresh" });
    expect((await tokenRequest(s, { ...DEFAULT_APP, clientSecret: "fresh" })).status).toBe(200);
    expect((await tokenRequest(s)).status).toBe(401);
    const bad = await simPost(s, `/apps/${DEFAULT_APP.clientId}/rotate-secret`, {
      graceSeconds: -1,
      oldTokens: "x",
    });
    expect(bad.status).toBe(400);
    const problems = (await json(bad)).problems as { path: string }[];
    expect(problems.map((p) => p.path).sort()).toEqual(["graceSeconds", "oldTokens"]);
  });
});

describe("scopes removed", () => {
  test("calls that need a removed scope get 4711 with Zoom's message; others still work", async () => {
    const s = await start();
    const token = await mint(s);
    s.control.removeScopes(["meeting:write:admin"]);
    const response = await api(s, "POST", "/users/me/meetings", { token, body: {} });
    expect(response.status).toBe(401);
    expect(await json(response)).toEqual({
      code: 4711,
      message: "Invalid access token, does not contain scopes:[meeting:write:admin].",
    });
    expect(await status(s, token, "GET", "/users/me/meetings")).toBe(200);
    const fresh = await json(await tokenRequest(s));
    expect(fresh.scope).toBe("meeting:read:admin user:read:admin");
    expect(s.stats().unauthorized.scopes).toBe(1);
    s.control.restoreScopes();
    expect(await status(s, token, "POST", "/users/me/meetings", {})).toBe(201);
  });

  test("the 4711 status is switchable (Zoom has sent 400, 401 and 403)", async () => {
    const s = await start({ scopeErrorStatus: 403 });
    const token = await mint(s);
    await simPost(s, `/apps/${DEFAULT_APP.clientId}/remove-scopes`, { scopes: ["user:read:admin"] });
    expect(await status(s, token)).toBe(403);
  });
});

describe("revoking tokens", () => {
  test("revokeTokens makes every live token fail with 401/124", async () => {
    const s = await start();
    const tokens = [await mint(s), await mint(s)];
    expect(s.control.revokeTokens()).toBe(2);
    for (const token of tokens) expect(await status(s, token)).toBe(401);
    const response = await simPost(s, `/apps/${DEFAULT_APP.clientId}/revoke-tokens`);
    expect(await json(response)).toEqual({ revoked: 0 });
  });
});
