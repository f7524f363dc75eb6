/**
 * Bad-input matrix, API routes: the service as a real process (real mode, simulator), every input sent
 * exactly as written over node:http. Each gets its documented 4xx; none a 5xx; the process stays up, logs
 * nothing at error level, and no answer or output line carries a secret.
 */
import { DEFAULT_APP, type ZoomSimulator } from "@zoomkit/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApi, startApi } from "../support/api.js";
import { errorLines, expectNoSecrets, reportMatrix } from "../support/matrix.js";
import { type RawRequest, rawRequest } from "../support/raw-http.js";
import {
  METRICS_TOKEN,
  meetingInput,
  randomKey,
  realModeEnv,
  startSimulator,
  TOKEN_KEY,
} from "../support/zoom.js";

const KEY = randomKey();
const SECRETS = [KEY, METRICS_TOKEN, TOKEN_KEY, DEFAULT_APP.clientSecret];
let sim: ZoomSimulator;
let api: RunningApi;

beforeAll(async () => {
  sim = await startSimulator();
  api = await startApi(realModeEnv(sim, { API_KEYS: KEY, LOG_LEVEL: "debug" }), KEY);
});

afterAll(async () => {
  expect(api.process.child.exitCode).toBeNull();
  expect(await api?.stop()).toBe(0);
  await sim?.close();
  expectNoSecrets(api.process.output(), SECRETS, "the process output");
  expect(errorLines(api.process.logs)).toEqual([]);
});

const auth = { authorization: `Bearer ${KEY}` };
const json = { ...auth, "content-type": "application/json" };
const post = (body: unknown, raw = false): RawRequest => ({
  method: "POST",
  path: "/meetings",
  headers: json,
  body: raw ? String(body) : JSON.stringify(body),
});
const create = (overrides: Record<string, unknown>) => post(meetingInput(overrides));

/** Each input and the status the README documents for it. */
const cases: [name: string, request: RawRequest, status: number][] = [
  // Authentication.
  ["no Authorization", { method: "GET", path: "/meetings/1" }, 401],
  ["an empty bearer", { method: "GET", path: "/meetings/1", headers: { authorization: "Bearer " } }, 401],
  [
    "a Basic credential",
    { method: "GET", path: "/meetings/1", headers: { authorization: `Basic ${KEY}` } },
    401,
  ],
  [
    "a wrong key",
    { method: "GET", path: "/meetings/1", headers: { authorization: `Bearer ${randomKey()}` } },
    401,
  ],
  [
    "the key plus a word",
    { method: "GET", path: "/meetings/1", headers: { authorization: `Bearer ${KEY} x` } },
    401,
  ],
  [
    "the key as a prefix",
    { method: "GET", path: "/meetings/1", headers: { authorization: `Bearer ${KEY}x` } },
    401,
  ],
  [
    "the metrics token as an API key",
    { method: "GET", path: "/meetings/1", headers: { authorization: `Bearer ${METRICS_TOKEN}` } },
    401,
  ],
  [
    "a 12 KiB Authorization",
    { method: "GET", path: "/meetings/1", headers: { authorization: `Bearer ${"k".repeat(12_288)}` } },
    401,
  ],
  [
    "two Authorization headers",
    { method: "GET", path: "/meetings/1", headers: { authorization: [`Bearer ${KEY}`, "Bearer x"] } },
    401,
  ],
  // Meeting ids in paths, written as they go on the wire.
  ...[
    "abc",
    "0",
    "-1",
    "1.5",
    "1e3",
    "99999999999999999",
    "..%2F..%2Fusers",
    "%2e%2e%2fusers",
    "%00",
    "1%0A2",
    "%201",
  ].map((id): [string, RawRequest, number] => [
    `GET id ${id}`,
    { method: "GET", path: `/meetings/${id}`, headers: auth },
    400,
  ]),
  ["DELETE id abc", { method: "DELETE", path: "/meetings/abc", headers: auth }, 400],
  // WHATWG URL parsing reads %2e%2e as `..`: the path resolves to `/`, which no route serves.
  ["GET id %2e%2e", { method: "GET", path: "/meetings/%2e%2e", headers: auth }, 404],
  ["DELETE id %2e%2e", { method: "DELETE", path: "/meetings/%2E%2e", headers: auth }, 404],
  ["an unknown meeting", { method: "GET", path: "/meetings/1", headers: auth }, 404],
  ["an unknown route", { method: "GET", path: "/users", headers: auth }, 404],
  ["PUT /meetings", { method: "PUT", path: "/meetings", headers: json, body: "{}" }, 404],
  ["/metrics without the metrics token", { method: "GET", path: "/metrics", headers: auth }, 401],
  // Bodies.
  ["not JSON", post("{topic:", true), 400],
  ["empty", post("", true), 400],
  ["a JSON array", post([meetingInput()]), 400],
  ["JSON null", post(null), 400],
  ["a JSON string", post("meeting"), 400],
  [
    "invalid UTF-8",
    { method: "POST", path: "/meetings", headers: json, body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) },
    400,
  ],
  ["10 000 nested arrays", post(`${"[".repeat(10_000)}${"]".repeat(10_000)}`, true), 400],
  [
    "__proto__ smuggling",
    post(`{"__proto__":{"admin":true},${JSON.stringify(meetingInput()).slice(1)}`, true),
    400,
  ],
  ["an unknown field", create({ password: "x" }), 400],
  ["an unknown setting", create({ settings: { alternativeHosts: "x" } }), 400],
  ["no host", create({ host: undefined }), 400],
  ...[
    "",
    " ",
    ".",
    "..",
    "../users",
    "a/b",
    "x@",
    "@example.com",
    "host@example.com/..",
    "h".repeat(129),
  ].map((host): [string, RawRequest, number] => [
    `host ${JSON.stringify(host.slice(0, 20))}`,
    create({ host }),
    400,
  ]),
  ["host as a number", create({ host: 42 }), 400],
  ["an empty topic", create({ topic: "  " }), 400],
  ["a 201-character topic", create({ topic: "t".repeat(201) }), 400],
  ["a start time without an offset", create({ startTime: "2030-01-01T09:00:00" }), 400],
  ["a start time that is not a date", create({ startTime: "tomorrow" }), 400],
  [
    "duration 1e400 (Infinity)",
    post(JSON.stringify(meetingInput()).replace(/}$/, ',"duration":1e400}'), true),
    400,
  ],
  ...[0, -1, 1441, 1.5, "30", null].map((duration): [string, RawRequest, number] => [
    `duration ${String(duration)}`,
    create({ duration }),
    400,
  ]),
  ["a 65-character time zone", create({ timezone: "z".repeat(65) }), 400],
  ["a 2001-character agenda", create({ agenda: "a".repeat(2001) }), 400],
  ["autoRecording elsewhere", create({ settings: { autoRecording: "s3" } }), 400],
  ["waitingRoom as a string", create({ settings: { waitingRoom: "yes" } }), 400],
  // Over the 64 KiB limit: declared, sent whole, sent chunked, and chunked without a word of JSON.
  [
    "a declared 100 MB body",
    { method: "POST", path: "/meetings", headers: { ...json, "content-length": "100000000" }, body: "" },
    413,
  ],
  ["a 100 KiB body", post({ ...meetingInput(), agenda: "a".repeat(100_000) }), 413],
  [
    "a 100 KiB chunked body",
    {
      method: "POST",
      path: "/meetings",
      headers: json,
      chunks: Array.from({ length: 25 }, () => Buffer.alloc(4096, 0x61)),
    },
    413,
  ],
  [
    "a 1 MiB chunked body",
    {
      method: "POST",
      path: "/meetings",
      headers: json,
      chunks: Array.from({ length: 64 }, () => Buffer.alloc(16_384, 0x20)),
    },
    413,
  ],
];

describe("bad-input matrix: API routes", () => {
  it("answers each bad input with its documented status, never a 5xx, and never a secret", async () => {
    const linesBefore = api.process.lines.length;
    for (const [name, request, status] of cases) {
      const answer = await rawRequest(api.url, request).catch((error: Error) => {
        throw new Error(`${name}: ${error.message}`);
      });
      expect(answer.status, name).toBe(status);
      expect(answer.headers["content-type"], name).toMatch(/^application\/json/);
      expect(() => JSON.parse(answer.body), name).not.toThrow();
      expectNoSecrets(answer.body, SECRETS, `the answer to ${name}`);
    }
    reportMatrix("API routes", cases.length);
    // The service is still up, and the inputs left no error-level line.
    expect((await rawRequest(api.url, { method: "GET", path: "/healthz" })).status).toBe(200);
    expect(errorLines(api.process.logs)).toEqual([]);
    expect(api.process.lines.length).toBeGreaterThan(linesBefore);
  });

  it("names each invalid field in a 400", async () => {
    const answer = await rawRequest(api.url, create({ host: "..", duration: 0 }));
    expect(JSON.parse(answer.body)).toMatchObject({
      error: "invalid_request",
      issues: expect.arrayContaining([
        expect.objectContaining({
          field: "host",
          message: expect.stringMatching(/e-mail address or a Zoom user id/),
        }),
        expect.objectContaining({ field: "duration" }),
      ]),
    });
  });
});
