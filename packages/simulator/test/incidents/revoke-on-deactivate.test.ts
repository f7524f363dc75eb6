import { describe, expect, test } from "vitest";
import { DEFAULT_APP } from "../../src/index.js";
import { apiStatus, mint, simPost, simulatorPerTest } from "../helpers.js";

const start = simulatorPerTest();
const app = `/apps/${DEFAULT_APP.clientId}`;

describe("tokens revoked by deactivation (revokeOnDeactivate)", () => {
  test("off (the default): tokens minted before the deactivation work again after the reactivation", async () => {
    const s = await start();
    const before = await mint(s);
    await simPost(s, `${app}/deactivate`);
    expect(await apiStatus(s, before)).toBe(401);
    await simPost(s, `${app}/reactivate`);
    expect(await apiStatus(s, before)).toBe(200);
  });

  test("on: after the reactivation only tokens minted since the deactivation work", async () => {
    const s = await start();
    const set = await simPost(s, "/control", {
      incidents: { [DEFAULT_APP.clientId]: { revokeOnDeactivate: true } },
    });
    expect(set.status).toBe(200);
    const before = await mint(s);
    await simPost(s, `${app}/deactivate`);
    const during = await mint(s);
    expect(await apiStatus(s, before)).toBe(401);
    expect(await apiStatus(s, during)).toBe(401);
    await simPost(s, `${app}/reactivate`);
    const after = await mint(s);
    expect(await apiStatus(s, before)).toBe(401);
    expect(await apiStatus(s, during)).toBe(200);
    expect(await apiStatus(s, after)).toBe(200);
    expect(s.stats().unauthorized).toMatchObject({ deactivated: 1, revoked: 2 });
    expect(s.control.switches().incidents[DEFAULT_APP.clientId]).toMatchObject({ revokeOnDeactivate: true });
  });
});
