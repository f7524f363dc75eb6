import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startZoomSimulator, type ZoomSimulator } from "../src/index.js";
import { api, json, mint } from "./helpers.js";

let sim: ZoomSimulator;
let token: string;
beforeAll(async () => {
  sim = await startZoomSimulator({ maxBodyBytes: 1024 });
  token = await mint(sim);
});
afterAll(() => sim.close());

/** Sends a chunked body (no content-length) through node:http, which fetch cannot do on demand. */
function chunked(path: string, chunks: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${sim.baseUrl}${path}`,
      { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } },
      (res) => {
        let body = "";
        res.on("data", (d: Buffer) => {
          body += d.toString();
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe("bad input gets Zoom-shaped errors, never a crash or a hang", () => {
  test("malformed JSON is 400 with code 300", async () => {
    const response = await api(sim, "POST", "/users/me/meetings", { token, body: '{"topic": ' });
    expect(response.status).toBe(400);
    expect(await json(response)).toEqual({
      code: 300,
      message: "Request Body should be a valid JSON object.",
    });
  });

  test("a JSON body that is not an object is 400 with code 300", async () => {
    for (const body of ["[1,2]", '"text"', "42", "null"]) {
      const response = await api(sim, "POST", "/users/me/meetings", { token, body });
      expect(response.status).toBe(400);
      expect((await json(response)).code).toBe(300);
    }
  });

  test("a body that is not JSON by content type is 415 with code 300", async () => {
    const response = await api(sim, "POST", "/users/me/meetings", {
      token,
      body: "topic=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(response.status).toBe(415);
    expect((await json(response)).code).toBe(300);
  });

  test("fields of the wrong type, enum or length are listed under 400/300 errors[]", async () => {
    const response = await api(sim, "POST", "/users/me/meetings", {
      token,
      body: {
        topic: "t".repeat(201),
        type: 5,
        start_time: "tomorrow",
        duration: "long",
        timezone: "Mars/Olympus",
        password: "has spaces!",
        settings: { jbh_time: 7, host_video: "yes" },
      },
    });
    expect(response.status).toBe(400);
    const body = await json(response);
    expect(body).toMatchObject({ code: 300, message: "Validation Failed." });
    const fields = (body.errors as { field: string; message: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(
      [
        "duration",
        "password",
        "settings.host_video",
        "settings.jbh_time",
        "start_time",
        "timezone",
        "topic",
        "type",
      ].sort(),
    );
  });

  test("a body over the limit is 413, whether declared or streamed", async () => {
    const big = JSON.stringify({ topic: "x", agenda: "a".repeat(2_000) });
    const declared = await api(sim, "POST", "/users/me/meetings", { token, body: big });
    expect(declared.status).toBe(413);
    expect((await json(declared)).code).toBe(300);
    const streamed = await chunked("/users/me/meetings", [big.slice(0, 600), big.slice(600)]);
    expect(streamed.status).toBe(413);
    const small = await chunked("/users/me/meetings", ['{"topic":', '"chunks"}']);
    expect(small.status).toBe(201);
  });

  test("an unknown path is 404 with a Zoom error body", async () => {
    for (const path of ["/nothing/here", "/meetings/1/nothing", "/users/me/meetings/extra"]) {
      const response = await api(sim, "GET", path, { token });
      expect(response.status).toBe(404);
      expect(await json(response)).toMatchObject({ code: 404, message: expect.any(String) });
    }
    expect((await fetch(`${sim.url}/elsewhere`)).status).toBe(404);
  });

  test("a wrong method is 405 with Allow", async () => {
    const cases: [string, string, string][] = [
      ["PUT", "/users/me/meetings", "GET, POST"],
      ["POST", "/meetings/12345678901", "GET, PATCH, DELETE"],
      ["GET", "/meetings/12345678901/status", "PUT"],
      ["DELETE", "/users", "GET, POST"],
      ["POST", "/past_meetings/12345678901", "GET"],
      ["POST", "/webinars/12345678901", "GET, PATCH, DELETE"],
      ["PATCH", "/meetings/12345678901/registrants/status", "PUT"],
      ["POST", "/users/me/settings", "GET, PATCH"],
      ["PUT", "/meetings/12345678901/recordings/settings", "GET, PATCH"],
    ];
    for (const [method, path, allow] of cases) {
      const response = await api(sim, method, path, { token });
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe(allow);
      expect((await json(response)).code).toBe(405);
    }
  });

  test("odd ids, encodings and headers do not break it", async () => {
    const odd = ["%E0%A4%A", "99999999999999999999999", "-1", "1e5", "%2F%2F"];
    for (const id of odd) {
      const response = await api(sim, "GET", `/meetings/${id}`, { token });
      expect([400, 404]).toContain(response.status);
    }
    const weirdAuth = await api(sim, "GET", "/users/me", { headers: { authorization: "Bearer" } });
    expect(weirdAuth.status).toBe(401);
    // Still healthy afterwards.
    expect((await api(sim, "GET", "/users/me", { token })).status).toBe(200);
  });
});
