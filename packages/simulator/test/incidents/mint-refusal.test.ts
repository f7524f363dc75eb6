import { describe, expect, test } from "vitest";
import { DEFAULT_APP } from "../../src/index.js";
import { apiStatus, json, mint, simPost, simulatorPerTest, tokenRequest } from "../helpers.js";

const start = simulatorPerTest();
const app = `/apps/${DEFAULT_APP.clientId}`;

describe("mints refused (account suspended)", () => {
  test("right credentials, yet every mint is refused with the chosen 47xx answer; live tokens keep working", async () => {
    const s = await start();
    const live = await mint(s);
    const refused = await simPost(s, `${app}/refuse-mints`, { code: 4700, reason: "Account suspended." });
    expect(refused.status).toBe(200);
    const answer = await tokenRequest(s);
    expect(answer.status).toBe(400);
    expect(await json(answer)).toEqual({
      reason: "Account suspended.",
      error: "invalid_request",
      code: 4700,
    });
    expect(s.stats().mintErrors["4700"]).toBe(1);
    expect(await apiStatus(s, live)).toBe(200);
    expect((await simPost(s, `${app}/allow-mints`)).status).toBe(200);
    expect((await tokenRequest(s)).status).toBe(200);
  });

  test("status and error are choosable; a code outside 4700-4799 is refused by the control", async () => {
    const s = await start();
    s.control.refuseMints({ code: 4705, status: 401, error: "invalid_client" });
    expect(await json(await tokenRequest(s))).toMatchObject({ code: 4705, error: "invalid_client" });
    const bad = await simPost(s, `${app}/refuse-mints`, { code: 4800 });
    expect(bad.status).toBe(400);
    expect(((await json(bad)).problems as { path: string }[]).map((p) => p.path)).toEqual(["code"]);
  });
});
