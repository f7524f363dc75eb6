import { describe, expect, test } from "vitest";
import { api, json, manualClock, mint, simulatorPerTest } from "./helpers.js";

const start = simulatorPerTest();

describe("per-second limits", () => {
  test("a category's limit answers 429 QPS with headers; other categories are unaffected", async () => {
    const clock = manualClock();
    const s = await start({ now: clock.now, qps: { medium: 2 } });
    const token = await mint(s);
    expect((await api(s, "POST", "/users/me/meetings", { token, body: {} })).status).toBe(201);
    expect((await api(s, "GET", "/users/me/meetings", { token })).status).toBe(200);
    const limited = await api(s, "POST", "/users/me/meetings", { token, body: {} });
    expect(limited.status).toBe(429);
    expect(await json(limited)).toMatchObject({ code: 429 });
    expect(limited.headers.get("x-ratelimit-category")).toBe("Medium");
    expect(limited.headers.get("x-ratelimit-type")).toBe("QPS");
    expect(limited.headers.get("x-ratelimit-limit")).toBe("2");
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(limited.headers.get("retry-after")).toBe("1");
    expect((await api(s, "GET", "/users/me", { token })).status).toBe(200);
    clock.advance(1_000);
    expect((await api(s, "GET", "/users/me/meetings", { token })).status).toBe(200);
    expect(s.stats().rateLimited).toEqual({ qps: 1, daily: 0, byCategory: { Medium: 1 } });
  });

  test("delete and get are Light, so a Light limit throttles them", async () => {
    const clock = manualClock();
    const s = await start({ now: clock.now, qps: { light: 1 } });
    const token = await mint(s);
    const created = await json(await api(s, "POST", "/users/me/meetings", { token, body: {} }));
    expect((await api(s, "GET", `/meetings/${created.id}`, { token })).status).toBe(200);
    const limited = await api(s, "DELETE", `/meetings/${created.id}`, { token });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("x-ratelimit-category")).toBe("Light");
  });

  test("the headers can be switched off, as some real 429s carry none", async () => {
    const clock = manualClock();
    const s = await start({ now: clock.now, qps: { light: 1 }, rateLimitHeaders: false });
    const token = await mint(s);
    await api(s, "GET", "/users/me", { token });
    const limited = await api(s, "GET", "/users/me", { token });
    expect(limited.status).toBe(429);
    for (const header of ["x-ratelimit-category", "x-ratelimit-type", "retry-after", "x-ratelimit-limit"]) {
      expect(limited.headers.get(header)).toBeNull();
    }
  });
});

describe("daily create/update cap", () => {
  test("as 429 Daily-limit with an ISO Retry-After at the next 00:00 UTC, then resets", async () => {
    const clock = manualClock(Date.UTC(2025, 4, 30, 22, 15, 0));
    const s = await start({ now: clock.now, dailyCap: 2 });
    const token = await mint(s);
    const created = await json(await api(s, "POST", "/users/me/meetings", { token, body: {} }));
    expect((await api(s, "PATCH", `/meetings/${created.id}`, { token, body: { topic: "x" } })).status).toBe(
      204,
    );
    const capped = await api(s, "POST", "/users/me/meetings", { token, body: {} });
    expect(capped.status).toBe(429);
    expect(capped.headers.get("x-ratelimit-type")).toBe("Daily-limit");
    expect(capped.headers.get("retry-after")).toBe("2025-05-31T00:00:00Z");
    expect((await json(capped)).code).toBe(429);
    // The cap is per host: another host still creates.
    expect(
      (await api(s, "POST", "/users/second.host@example.com/meetings", { token, body: {} })).status,
    ).toBe(201);
    clock.set(Date.UTC(2025, 4, 31, 0, 0, 0));
    const tomorrow = await mint(s);
    expect((await api(s, "POST", "/users/me/meetings", { token: tomorrow, body: {} })).status).toBe(201);
    expect(s.stats().rateLimited.daily).toBe(1);
  });

  test("as HTTP 300 with Zoom's message", async () => {
    const s = await start({ dailyCap: 1, dailyCapAs: 300, now: manualClock().now });
    const token = await mint(s);
    const created = await json(await api(s, "POST", "/users/me/meetings", { token, body: {} }));
    const capped = await api(s, "PATCH", `/meetings/${created.id}`, { token, body: { topic: "again" } });
    expect(capped.status).toBe(300);
    expect(await json(capped)).toEqual({
      code: 300,
      message: "A maximum of 1 meetings can be created/updated for a single user in one day.",
    });
    expect((await json(await api(s, "GET", `/meetings/${created.id}`, { token }))).topic).toBe(
      "Zoom Meeting",
    );
  });

  test("can be switched on at run time", async () => {
    const s = await start({ now: manualClock().now });
    const token = await mint(s);
    s.control.set({ dailyCap: 1 });
    expect((await api(s, "POST", "/users/me/meetings", { token, body: {} })).status).toBe(201);
    expect((await api(s, "POST", "/users/me/meetings", { token, body: {} })).status).toBe(429);
  });
});
