import { describe, expect, test } from "vitest";
import { DEFAULT_APP } from "../../src/index.js";
import { apiStatus, json, manualClock, mint, simPost, simulatorPerTest, tokenRequest } from "../helpers.js";

const start = simulatorPerTest();

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
    expect(await apiStatus(s, kept)).toBe(200);
    expect(await apiStatus(s, atGraceEnd)).toBe(200);
    clock.advance(10_000);
    expect(await apiStatus(s, kept)).toBe(200);
    expect(await apiStatus(s, atGraceEnd)).toBe(401);
    expect(s.stats().unauthorized.revoked).toBe(1);
    s.control.rotateSecret({ newSecret: "s4", oldTokens: "revoke-now" });
    expect(await apiStatus(s, now)).toBe(401);
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
    expect(() => s.control.rotateSecret({ graceSeconds: -1 })).toThrow(/graceSeconds/);
  });
});
