import { describe, expect, test } from "vitest";
import { DEFAULT_APP } from "../../src/index.js";
import { apiStatus, json, mint, simPost, simulatorPerTest } from "../helpers.js";

const start = simulatorPerTest();

describe("tokens revoked", () => {
  test("revokeTokens makes every live token fail with 401/124, over JS and HTTP", async () => {
    const s = await start();
    const tokens = [await mint(s), await mint(s)];
    expect(s.control.revokeTokens()).toBe(2);
    for (const token of tokens) expect(await apiStatus(s, token)).toBe(401);
    const fresh = await mint(s);
    const response = await simPost(s, `/apps/${DEFAULT_APP.clientId}/revoke-tokens`);
    expect(await json(response)).toEqual({ revoked: 1 });
    expect(await apiStatus(s, fresh)).toBe(401);
  });
});
