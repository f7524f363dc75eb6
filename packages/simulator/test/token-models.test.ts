import { describe, expect, test } from "vitest";
import type { ZoomSimulator } from "../src/index.js";
import { api, json, manualClock, mint, simulatorPerTest } from "./helpers.js";

const start = simulatorPerTest();

async function works(s: ZoomSimulator, token: string): Promise<number> {
  return (await api(s, "GET", "/users/me", { token })).status;
}

describe("token models", () => {
  test("multi: older tokens keep working after new mints", async () => {
    const s = await start({ tokenModel: "multi" });
    const tokens = [await mint(s), await mint(s), await mint(s)];
    for (const token of tokens) expect(await works(s, token)).toBe(200);
    expect(s.stats().liveTokens["sim-client-id"]).toBe(3);
  });

  test("invalidate-previous: each mint revokes the older tokens with 401/124", async () => {
    const s = await start({ tokenModel: "invalidate-previous" });
    const first = await mint(s);
    const second = await mint(s);
    const response = await api(s, "GET", "/users/me", { token: first });
    expect(response.status).toBe(401);
    expect(await json(response)).toEqual({ code: 124, message: "Invalid access token." });
    expect(await works(s, second)).toBe(200);
    expect(s.stats().unauthorized.revoked).toBe(1);
    expect(s.stats().liveTokens["sim-client-id"]).toBe(1);
  });

  test("maxLive N: only the N newest tokens work", async () => {
    const s = await start({ tokenModel: { maxLive: 2 } });
    const tokens = [await mint(s), await mint(s), await mint(s)];
    expect(await works(s, tokens[0]!)).toBe(401);
    expect(await works(s, tokens[1]!)).toBe(200);
    expect(await works(s, tokens[2]!)).toBe(200);
  });

  test("the model can change at run time", async () => {
    const s = await start({});
    const first = await mint(s);
    s.control.set({ tokenModel: "invalidate-previous" });
    await mint(s);
    expect(await works(s, first)).toBe(401);
  });

  test("an expired token gets 401/124 and is counted as expired", async () => {
    const clock = manualClock();
    const s = await start({ tokenTtlSeconds: 2, now: clock.now });
    const token = await mint(s);
    clock.advance(1_999);
    expect(await works(s, token)).toBe(200);
    clock.advance(1);
    const response = await api(s, "GET", "/users/me", { token });
    expect(response.status).toBe(401);
    expect((await json(response)).code).toBe(124);
    expect(s.stats().unauthorized.expired).toBe(1);
    expect(s.stats().liveTokens["sim-client-id"]).toBe(0);
  });

  test("expires for real with a short lifetime", async () => {
    const s = await start({ tokenTtlSeconds: 2 });
    const token = await mint(s);
    expect(await works(s, token)).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_050));
    expect(await works(s, token)).toBe(401);
  });

  test("unknown tokens, tokens in the query string and missing tokens all get 401/124", async () => {
    const s = await start({});
    const token = await mint(s);
    const unknown = await api(s, "GET", "/users/me", { token: "x".repeat(64) });
    const inQuery = await fetch(`${s.baseUrl}/users/me?access_token=${token}`);
    const missing = await fetch(`${s.baseUrl}/users/me`);
    const basicScheme = await api(s, "GET", "/users/me", { headers: { authorization: "Basic abc" } });
    for (const response of [unknown, inQuery, missing, basicScheme]) {
      expect(response.status).toBe(401);
      expect(await json(response)).toEqual({ code: 124, message: "Invalid access token." });
    }
    expect(s.stats().unauthorized).toMatchObject({ unknown: 2, query_token: 1, missing: 1 });
  });
});
