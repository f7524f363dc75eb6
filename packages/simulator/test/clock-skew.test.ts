import { describe, expect, test } from "vitest";
import { api, manualClock, mint, simulatorPerTest, tokenRequest } from "./helpers.js";

const start = simulatorPerTest();
const HOUR = 3_600_000;

describe("clock skew (clockSkewMs)", () => {
  test("shifts the Date header of token and API answers, not of the control surface", async () => {
    const clock = manualClock();
    const s = await start({ now: clock.now, clockSkewMs: -HOUR });
    const minted = await tokenRequest(s);
    expect(Date.parse(minted.headers.get("date") ?? "")).toBe(clock.now() - HOUR);
    const token = await mint(s);
    const refused = await api(s, "GET", "/users/me", { token: "nope" });
    const served = await api(s, "GET", "/users/me", { token });
    for (const answer of [refused, served]) {
      expect(Date.parse(answer.headers.get("date") ?? "")).toBe(clock.now() - HOUR);
    }
    const control = await fetch(`${s.url}/__sim/switches`);
    expect(Math.abs(Date.parse(control.headers.get("date") ?? "") - Date.now())).toBeLessThan(60_000);
  });

  test("is off by default and switchable at run time", async () => {
    const s = await start();
    const plain = Date.parse((await tokenRequest(s)).headers.get("date") ?? "");
    expect(Math.abs(plain - Date.now())).toBeLessThan(60_000);
    s.control.set({ clockSkewMs: 2 * HOUR });
    const ahead = Date.parse((await tokenRequest(s)).headers.get("date") ?? "");
    expect(ahead - Date.now()).toBeGreaterThan(HOUR);
    expect(() => s.control.set({ clockSkewMs: 1.5 })).toThrow(/clockSkewMs/);
  });
});
