import { describe, expect, test } from "vitest";
import { apiStatus, json, simPost, simulatorPerTest, tokenRequest } from "./helpers.js";

const start = simulatorPerTest();

describe("deformed token answers (tokenReply)", () => {
  test("html: a 200 that is an HTML page, and nothing minted behind it", async () => {
    const s = await start({ tokenReply: { kind: "html" } });
    const answer = await tokenRequest(s);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await answer.text()).toMatch(/^<!DOCTYPE html>/);
    expect(s.stats().liveTokens).toEqual({ "sim-client-id": 0 });
    expect(s.stats().faults.token.malformed).toBe(1);
  });

  test("not-json: a 200 labelled JSON whose body does not parse", async () => {
    const s = await start({ tokenReply: { kind: "not-json" } });
    const answer = await tokenRequest(s);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
    await expect(answer.json()).rejects.toThrow(SyntaxError);
  });

  test("no-access-token: well-formed JSON without access_token", async () => {
    const s = await start({ tokenReply: { kind: "no-access-token" } });
    const body = await json(await tokenRequest(s));
    expect(body).not.toHaveProperty("access_token");
    expect(body).toMatchObject({ token_type: "bearer", expires_in: 3600 });
  });

  test.each([
    ["0", 0],
    ["-60", -60],
    ["1.5", 1.5],
    ["1e400", Number.POSITIVE_INFINITY],
    ["null", null],
    ['"3600"', "3600"],
  ])(
    "expires-in %s: the token is minted and works, but expires_in is not a positive finite whole number",
    async (text, parsed) => {
      const s = await start({ tokenReply: { kind: "expires-in", expiresIn: text } });
      const body = await json(await tokenRequest(s));
      expect(body.expires_in).toBe(parsed);
      expect(await apiStatus(s, body.access_token as string)).toBe(200);
    },
  );

  test("expires-in without expiresIn leaves the field out", async () => {
    const s = await start({ tokenReply: { kind: "expires-in" } });
    const body = await json(await tokenRequest(s));
    expect(body).not.toHaveProperty("expires_in");
    expect(typeof body.access_token).toBe("string");
  });

  test("oversized: a valid answer padded to a megabyte", async () => {
    const s = await start({ tokenReply: { kind: "oversized" } });
    const text = await (await tokenRequest(s)).text();
    expect(text.length).toBeGreaterThan(1024 * 1024);
    expect(typeof JSON.parse(text).access_token).toBe("string");
  });

  test("next: N deforms only the next N answers, set over HTTP; invalid values are refused", async () => {
    const s = await start();
    expect((await simPost(s, "/control", { tokenReply: { kind: "html", next: 2 } })).status).toBe(200);
    const kinds = [];
    for (let i = 0; i < 3; i++) kinds.push((await tokenRequest(s)).headers.get("content-type"));
    expect(kinds.map((k) => k?.split(";")[0])).toEqual(["text/html", "text/html", "application/json"]);
    expect(s.control.switches().tokenReply).toBeNull();
    const bad = await simPost(s, "/control", { tokenReply: { kind: "expires-in", expiresIn: "{nope" } });
    expect(bad.status).toBe(400);
    expect(((await json(bad)).problems as { path: string }[])[0]?.path).toBe("tokenReply.expiresIn");
  });

  test("a refused mint neither uses up nor hides behind a deformed answer", async () => {
    const s = await start({ tokenReply: { kind: "html", next: 1 } });
    const wrong = await tokenRequest(s, {
      accountId: "sim-account-1",
      clientId: "sim-client-id",
      clientSecret: "nope",
    });
    expect(wrong.status).toBe(401);
    expect((await tokenRequest(s)).headers.get("content-type")).toMatch(/^text\/html/);
  });
});
