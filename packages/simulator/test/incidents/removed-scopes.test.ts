import { describe, expect, test } from "vitest";
import { DEFAULT_APP, DEFAULT_SCOPES } from "../../src/index.js";
import { api, apiStatus, json, mint, simPost, simulatorPerTest, tokenRequest } from "../helpers.js";

const start = simulatorPerTest();
const WRITE = "meeting:write:admin";
const create = (s: Parameters<typeof apiStatus>[0], token: string) =>
  apiStatus(s, token, "POST", "/users/me/meetings", {});

describe("scopes removed", () => {
  test("calls that need a removed scope get 4711 with Zoom's message; others still work", async () => {
    const s = await start();
    const token = await mint(s);
    s.control.removeScopes([WRITE]);
    const response = await api(s, "POST", "/users/me/meetings", { token, body: {} });
    expect(response.status).toBe(401);
    expect(await json(response)).toEqual({
      code: 4711,
      message: `Invalid access token, does not contain scopes:[${WRITE}].`,
    });
    expect(await apiStatus(s, token, "GET", "/users/me/meetings")).toBe(200);
    const fresh = await json(await tokenRequest(s));
    expect(fresh.scope).toBe(DEFAULT_SCOPES.filter((scope) => scope !== WRITE).join(" "));
    expect(s.stats().unauthorized.scopes).toBe(1);
  });

  test("scopes follow mint time: a re-granted scope reaches only tokens minted after the re-grant", async () => {
    const s = await start();
    const beforeRemoval = await mint(s);
    expect(await create(s, beforeRemoval)).toBe(201);
    expect(
      (await simPost(s, `/apps/${DEFAULT_APP.clientId}/remove-scopes`, { scopes: [WRITE] })).status,
    ).toBe(200);
    const whileRemoved = await mint(s);
    expect(await create(s, beforeRemoval)).toBe(401);
    expect((await simPost(s, `/apps/${DEFAULT_APP.clientId}/restore-scopes`)).status).toBe(200);
    expect(await create(s, beforeRemoval)).toBe(401);
    expect(await create(s, whileRemoved)).toBe(401);
    const afterRegrant = await mint(s);
    expect(await create(s, afterRegrant)).toBe(201);
    expect(s.stats().unauthorized.scopes).toBe(3);
  });

  test("the 4711 status is switchable (Zoom has sent 400, 401 and 403)", async () => {
    const s = await start({ scopeErrorStatus: 403 });
    const token = await mint(s);
    await simPost(s, `/apps/${DEFAULT_APP.clientId}/remove-scopes`, { scopes: ["user:read:admin"] });
    expect(await apiStatus(s, token)).toBe(403);
  });
});
