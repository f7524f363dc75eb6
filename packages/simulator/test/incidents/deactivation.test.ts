import { describe, expect, test } from "vitest";
import { DEFAULT_APP } from "../../src/index.js";
import { api, apiStatus, json, mint, simPost, simulatorPerTest } from "../helpers.js";

const start = simulatorPerTest();

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
    expect(await apiStatus(s, fresh)).toBe(200);
  });

  test("can start deactivated and be switched over HTTP", async () => {
    const s = await start({ incidents: { [DEFAULT_APP.clientId]: { deactivated: true } } });
    const token = await mint(s);
    expect(await apiStatus(s, token)).toBe(401);
    expect((await simPost(s, `/apps/${DEFAULT_APP.clientId}/reactivate`)).status).toBe(200);
    expect(await apiStatus(s, token)).toBe(200);
    expect((await simPost(s, `/apps/${DEFAULT_APP.clientId}/deactivate`)).status).toBe(200);
    expect(await apiStatus(s, token)).toBe(401);
    expect((await simPost(s, "/apps/nobody/deactivate")).status).toBe(404);
  });
});
