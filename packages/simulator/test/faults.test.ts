import { describe, expect, test } from "vitest";
import { startZoomSimulator } from "../src/index.js";
import { api, mint, simulatorPerTest, tokenRequest } from "./helpers.js";

const start = simulatorPerTest();

describe("injected faults", () => {
  test("failNext on the token endpoint fails exactly the next N mints, and not the API", async () => {
    const s = await start();
    const token = await mint(s);
    s.control.set({ token: { failNext: 2, errorStatus: 503 } });
    expect((await tokenRequest(s)).status).toBe(503);
    expect((await api(s, "GET", "/users/me", { token })).status).toBe(200);
    expect((await tokenRequest(s)).status).toBe(503);
    expect((await tokenRequest(s)).status).toBe(200);
    expect(s.stats().faults.token.errors).toBe(2);
    expect(s.control.switches().token.failNext).toBe(0);
  });

  test("failNext on the API fails exactly the next N calls, and not the token endpoint", async () => {
    const s = await start({ api: { failNext: 1 } });
    const token = await mint(s);
    const failed = await api(s, "GET", "/users/me", { token });
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ code: 500 });
    expect((await api(s, "GET", "/users/me", { token })).status).toBe(200);
    expect(s.stats().calls.user).toEqual({ "200": 1, "500": 1 });
  });

  test("error bodies can be HTML or empty, as Zoom's edge sometimes sends", async () => {
    const s = await start({ api: { failNext: 1, errorBody: "html", errorStatus: 502 } });
    const token = await mint(s);
    const html = await api(s, "GET", "/users/me", { token });
    expect(html.status).toBe(502);
    expect(html.headers.get("content-type")).toMatch(/text\/html/);
    s.control.set({ api: { failNext: 1, errorBody: "empty" } });
    const empty = await api(s, "GET", "/users/me", { token });
    expect(empty.status).toBe(502);
    expect(await empty.text()).toBe("");
  });

  test("errorRate draws from a seeded generator: the same seed fails the same calls", async () => {
    const pattern = async (seed: number): Promise<number[]> => {
      const s = await startZoomSimulator({ seed, api: { errorRate: 0.5 } });
      try {
        const token = await mint(s);
        const statuses: number[] = [];
        for (let i = 0; i < 24; i++) statuses.push((await api(s, "GET", "/users/me", { token })).status);
        return statuses;
      } finally {
        await s.close();
      }
    };
    const first = await pattern(42);
    expect(await pattern(42)).toEqual(first);
    expect(first).toContain(500);
    expect(first).toContain(200);
  });

  test("dropNext destroys the connection without an answer, on each surface separately", async () => {
    const s = await start();
    const token = await mint(s);
    s.control.set({ api: { dropNext: 1 } });
    await expect(api(s, "GET", "/users/me", { token })).rejects.toThrow();
    expect((await api(s, "GET", "/users/me", { token })).status).toBe(200);
    s.control.set({ token: { dropNext: 1 } });
    await expect(tokenRequest(s)).rejects.toThrow();
    expect((await tokenRequest(s)).status).toBe(200);
    expect(s.stats().faults).toEqual({
      token: { errors: 0, drops: 1, malformed: 0 },
      api: { errors: 0, drops: 1 },
    });
  });

  test("dropRate 1 drops every call until switched off", async () => {
    const s = await start();
    const token = await mint(s);
    s.control.set({ api: { dropRate: 1 } });
    for (let i = 0; i < 3; i++) await expect(api(s, "GET", "/users/me", { token })).rejects.toThrow();
    s.control.set({ api: { dropRate: 0 } });
    expect((await api(s, "GET", "/users/me", { token })).status).toBe(200);
  });

  test("latency holds answers back: a client with a shorter timeout gives up", async () => {
    const s = await start({ token: { latencyMs: 5_000 } });
    await expect(fetch(s.oauthUrl, { method: "POST", signal: AbortSignal.timeout(100) })).rejects.toThrow();
    s.control.set({ token: { latencyMs: 0 } });
    expect((await tokenRequest(s)).status).toBe(200);
  });
});
