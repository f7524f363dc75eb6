import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { DEFAULT_APP, startZoomSimulator, type ZoomSimulator } from "../src/index.js";
import { api, json, mint, simPost, tokenRequest } from "./helpers.js";

let sim: ZoomSimulator;
beforeAll(async () => {
  sim = await startZoomSimulator({
    apps: [DEFAULT_APP, { accountId: "a2", clientId: "c2", clientSecret: "s2" }],
  });
});
beforeEach(() => sim.control.reset());
afterAll(() => sim.close());

const fp = (token: string) => createHash("sha256").update(token).digest("hex").slice(0, 12);

describe("counters", () => {
  test("count mints per app, live tokens, calls by operation and status, 401s by cause and per-token use", async () => {
    const token = await mint(sim);
    await mint(sim, { accountId: "a2", clientId: "c2", clientSecret: "s2" });
    await api(sim, "GET", "/users/me", { token });
    await api(sim, "GET", "/users/me", { token });
    await api(sim, "GET", "/meetings/12345678901", { token });
    await api(sim, "GET", "/users/me", { token: "bogus" });
    const stats = sim.stats();
    expect(stats.mints).toEqual({ [DEFAULT_APP.clientId]: 1, c2: 1 });
    expect(stats.liveTokens).toEqual({ [DEFAULT_APP.clientId]: 1, c2: 1 });
    expect(stats.calls).toEqual({
      oauthToken: { "200": 2 },
      user: { "200": 2, "401": 1 },
      meeting: { "404": 1 },
    });
    expect(stats.unauthorized.unknown).toBe(1);
    expect(stats.tokens[fp(token)]).toMatchObject({ clientId: DEFAULT_APP.clientId, uses: 3, state: "live" });
  });

  test("never contain a token, over JS or HTTP", async () => {
    const token = await mint(sim);
    await api(sim, "GET", "/users/me", { token });
    const overHttp = await (await fetch(`${sim.url}/__sim/stats`)).text();
    expect(overHttp).not.toContain(token);
    expect(JSON.stringify(sim.stats())).not.toContain(token);
    expect(JSON.parse(overHttp).tokens[fp(token)].uses).toBe(1);
  });

  test("reset over JS and HTTP", async () => {
    const token = await mint(sim);
    await api(sim, "GET", "/users/me", { token });
    sim.control.resetStats();
    expect(sim.stats().mints).toEqual({});
    expect(sim.stats().tokens[fp(token)]?.uses).toBe(0);
    await api(sim, "GET", "/users/me", { token });
    expect((await simPost(sim, "/stats/reset")).status).toBe(200);
    expect(sim.stats().calls).toEqual({});
    // Counters reset; the token still works.
    expect((await api(sim, "GET", "/users/me", { token })).status).toBe(200);
  });
});

describe("HTTP control surface", () => {
  test("POST /__sim/control merges switches and GET /__sim/switches shows them", async () => {
    const response = await simPost(sim, "/control", {
      tokenTtlSeconds: 5,
      tokenModel: { maxLive: 3 },
      qps: { medium: 10 },
      api: { latencyMs: 1 },
      webhook: { url: "http://127.0.0.1:9/hook", secretToken: "very-secret" },
    });
    expect(response.status).toBe(200);
    const switches = await json(await fetch(`${sim.url}/__sim/switches`));
    expect(switches).toMatchObject({
      tokenTtlSeconds: 5,
      tokenModel: { maxLive: 3 },
      qps: { light: null, medium: 10, heavy: null },
      api: { latencyMs: 1, errorRate: 0 },
    });
    expect(JSON.stringify(switches)).not.toContain("very-secret");
    expect((await json(await tokenRequest(sim))).expires_in).toBe(5);
  });

  test("invalid control input is 400 with every problem named, and changes nothing", async () => {
    const response = await simPost(sim, "/control", {
      tokenTtlSeconds: -1,
      tokenModel: "sometimes",
      api: { errorRate: 2, bogus: true },
      unknownSwitch: 1,
    });
    expect(response.status).toBe(400);
    const body = await json(response);
    expect(body.error).toBe("invalid_control");
    const paths = (body.problems as { path: string }[]).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining(["tokenTtlSeconds", "tokenModel", "api.errorRate", "api", "(body)"]),
    );
    expect(sim.control.switches().tokenTtlSeconds).toBe(3600);
    const notJson = await fetch(`${sim.url}/__sim/control`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{nope",
    });
    expect(notJson.status).toBe(400);
    expect(() => sim.control.set({ tokenTtlSeconds: 0 })).toThrow(/tokenTtlSeconds/);
  });

  test("seeds and starts meetings over HTTP", async () => {
    const seeded = await simPost(sim, "/meetings", {
      meetings: [
        { host: "host@example.com", topic: "Seeded", start_time: "2024-01-01T08:00:00Z", duration: 20 },
      ],
    });
    expect(seeded.status).toBe(201);
    const [meeting] = (await json(seeded)).meetings as { id: number }[];
    const token = await mint(sim);
    expect((await json(await api(sim, "GET", `/meetings/${meeting!.id}`, { token }))).topic).toBe("Seeded");
    expect(
      (await simPost(sim, `/meetings/${meeting!.id}/start`, { participants: [{ name: "Ada" }] })).status,
    ).toBe(200);
    await api(sim, "PUT", `/meetings/${meeting!.id}/status`, { token, body: { action: "end" } });
    expect(
      (await json(await api(sim, "GET", `/past_meetings/${meeting!.id}`, { token }))).participants_count,
    ).toBe(1);
    expect((await simPost(sim, "/meetings", { meetings: [{ host: "nobody@example.com" }] })).status).toBe(
      400,
    );
    expect((await simPost(sim, "/meetings/1/start", {})).status).toBe(404);
  });

  test("reset restores the start state; unknown control paths are 404", async () => {
    const token = await mint(sim);
    sim.control.set({ dailyCap: 1 });
    sim.control.rotateSecret({ newSecret: "rotated" });
    expect((await tokenRequest(sim)).status).toBe(401);
    expect((await simPost(sim, "/reset")).status).toBe(200);
    expect(sim.control.switches().dailyCap).toBeNull();
    expect((await api(sim, "GET", "/users/me", { token })).status).toBe(401);
    expect((await tokenRequest(sim)).status).toBe(200);
    expect((await fetch(`${sim.url}/__sim/nothing`)).status).toBe(404);
  });

  test("a second process can drive the same simulator over HTTP only", async () => {
    // Everything below uses plain HTTP: no handle on the simulator object.
    const base = sim.url;
    await fetch(`${base}/__sim/apps/${DEFAULT_APP.clientId}/deactivate`, {
      method: "POST",
      headers: { "content-type": "application/json" },
    });
    const token = await mint(sim);
    expect((await api(sim, "GET", "/users/me", { token })).status).toBe(401);
    const stats = await json(await fetch(`${base}/__sim/stats`));
    expect((stats.unauthorized as Record<string, number>).deactivated).toBe(1);
  });
});
