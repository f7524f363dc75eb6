/**
 * Bad-input matrix, webhook route: what a sender controls (headers, signature, timestamp, body) is
 * answered 4xx, never 5xx (Zoom retries 5xx, and a forged request must not be retried), including a
 * correctly signed body that is not a usable event. The process stays up, logs nothing at error level,
 * and no answer or output line carries a secret.
 */
import { createHmac } from "node:crypto";
import { DEFAULT_APP, type ZoomSimulator } from "@zoomkit/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApi, startApi } from "../support/api.js";
import { errorLines, expectNoSecrets, reportMatrix } from "../support/matrix.js";
import { type RawRequest, rawRequest } from "../support/raw-http.js";
import { METRICS_TOKEN, randomKey, realModeEnv, startSimulator, TOKEN_KEY } from "../support/zoom.js";

const KEY = randomKey();
const SECRET = randomKey();
const NEXT_SECRET = randomKey();
const SECRETS = [KEY, SECRET, NEXT_SECRET, METRICS_TOKEN, TOKEN_KEY, DEFAULT_APP.clientSecret];
let sim: ZoomSimulator;
let api: RunningApi;

beforeAll(async () => {
  sim = await startSimulator();
  const env = realModeEnv(sim, {
    API_KEYS: KEY,
    ZOOM_WEBHOOK_SECRET_TOKEN: `${NEXT_SECRET},${SECRET}`,
    LOG_LEVEL: "debug",
  });
  api = await startApi(env, KEY);
});

afterAll(async () => {
  expect(api.process.child.exitCode).toBeNull();
  expect(await api?.stop()).toBe(0);
  await sim?.close();
  expectNoSecrets(api.process.output(), SECRETS, "the process output");
  expect(errorLines(api.process.logs)).toEqual([]);
});

const nowSeconds = () => Math.floor(Date.now() / 1000);
const sign = (secret: string, timestamp: string, body: string | Buffer) =>
  `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:`).update(body).digest("hex")}`;

/** A request signed with `secret` (at `timestamp`, default now). */
function signed(body: string | Buffer, options: { secret?: string; timestamp?: string } = {}): RawRequest {
  const timestamp = options.timestamp ?? String(nowSeconds());
  return {
    method: "POST",
    path: "/webhooks/zoom",
    headers: {
      "content-type": "application/json",
      "x-zm-request-timestamp": timestamp,
      "x-zm-signature": sign(options.secret ?? SECRET, timestamp, body),
    },
    body,
  };
}

const event = JSON.stringify({
  event: "meeting.started",
  event_ts: Date.now(),
  payload: { object: { id: 1 } },
});
const withHeaders = (headers: Record<string, string | string[]>): RawRequest => ({
  method: "POST",
  path: "/webhooks/zoom",
  headers: { "content-type": "application/json", ...headers },
  body: event,
});
const ts = () => String(nowSeconds());
const validation = (payload: unknown) => JSON.stringify({ event: "endpoint.url_validation", payload });

/** `request` with its body sent chunked instead, in 16 KiB writes (no Content-Length). */
function chunked(request: RawRequest): RawRequest {
  const body = Buffer.from(request.body ?? "");
  const chunks = Array.from({ length: Math.ceil(body.length / 16_384) }, (_, i) =>
    body.subarray(i * 16_384, (i + 1) * 16_384),
  );
  return { method: request.method, path: request.path, headers: request.headers ?? {}, chunks };
}

/** Each input and its documented status (401 when none is given: refused as not from Zoom). */
const table: [name: string, request: RawRequest, status?: number][] = [
  ["no signature headers", withHeaders({}), 401],
  ["a signature without a timestamp", withHeaders({ "x-zm-signature": sign(SECRET, ts(), event) }), 401],
  ["a timestamp without a signature", withHeaders({ "x-zm-request-timestamp": ts() }), 401],
  [
    "a v1= signature",
    withHeaders({
      "x-zm-request-timestamp": ts(),
      "x-zm-signature": sign(SECRET, ts(), event).replace("v0=", "v1="),
    }),
  ],
  ["a short signature", withHeaders({ "x-zm-request-timestamp": ts(), "x-zm-signature": "v0=abcd" })],
  [
    "a non-hex signature",
    withHeaders({ "x-zm-request-timestamp": ts(), "x-zm-signature": `v0=${"z".repeat(64)}` }),
  ],
  [
    "two signature headers",
    withHeaders({
      "x-zm-request-timestamp": ts(),
      "x-zm-signature": [sign(SECRET, ts(), event), sign(SECRET, ts(), event)],
    }),
  ],
  ["a timestamp in milliseconds", signed(event, { timestamp: String(Date.now()) })],
  ["a timestamp that is not a number", signed(event, { timestamp: "yesterday" })],
  ["a negative timestamp", signed(event, { timestamp: "-1" })],
  ["a timestamp ten minutes old", signed(event, { timestamp: String(nowSeconds() - 600) })],
  ["a timestamp ten minutes ahead", signed(event, { timestamp: String(nowSeconds() + 600) })],
  ["signed with another secret", signed(event, { secret: randomKey() })],
  ["signed with an empty secret", signed(event, { secret: "" })],
  ["a body changed after signing", { ...signed(event), body: event.replace("started", "ended") }],
  ["signed, then re-serialised", { ...signed(event), body: JSON.stringify(JSON.parse(event), null, 2) }],
  // Correctly signed, but not a usable event: 400.
  ["signed, not JSON", signed("not json"), 400],
  ["signed, empty", signed(""), 400],
  ["signed, a JSON array", signed("[]"), 400],
  ["signed, no event name", signed('{"payload":{}}'), 400],
  ["signed, no payload", signed('{"event":"meeting.started"}'), 400],
  ["signed, payload null", signed('{"event":"meeting.started","payload":null}'), 400],
  ["signed, invalid UTF-8", signed(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d])), 400],
  ["signed url_validation, no plainToken", signed(validation({})), 400],
  ["signed url_validation, empty plainToken", signed(validation({ plainToken: "" })), 400],
  ["signed url_validation, numeric plainToken", signed(validation({ plainToken: 42 })), 400],
  ["signed url_validation, payload a string", signed(validation("plain")), 400],
  // Over the 64 KiB limit, with and without a length.
  ["a 100 KiB body", signed(JSON.stringify({ event: "x", payload: { pad: "p".repeat(100_000) } })), 413],
  ["a declared 100 MB body", { ...withHeaders({ "content-length": "100000000" }), body: "" }, 413],
  ["a 100 KiB chunked body", chunked({ ...withHeaders({}), body: "a".repeat(102_400) }), 413],
  ["a signed 1 MiB chunked body", chunked(signed(Buffer.alloc(1_048_576, 0x20))), 413],
  ["GET", { method: "GET", path: "/webhooks/zoom" }, 404],
];
const cases = table.map(([name, request, status]) => [name, request, status ?? 401] as const);

describe("bad-input matrix: webhook route", () => {
  it("answers everything a sender controls with 4xx, never 5xx, and never a secret", async () => {
    for (const [name, request, status] of cases) {
      const answer = await rawRequest(api.url, request).catch((error: Error) => {
        throw new Error(`${name}: ${error.message}`);
      });
      expect(answer.status, name).toBe(status);
      expectNoSecrets(answer.body, SECRETS, `the answer to ${name}`);
    }
    reportMatrix("webhook route", cases.length);
    expect((await rawRequest(api.url, { method: "GET", path: "/healthz" })).status).toBe(200);
    expect(errorLines(api.process.logs)).toEqual([]);
  });

  it("accepts an event signed with either configured secret (rotation)", async () => {
    for (const secret of [SECRET, NEXT_SECRET]) {
      const id = secret === SECRET ? 1 : 2;
      const body = JSON.stringify({
        event: "meeting.ended",
        event_ts: Date.now(),
        payload: { object: { id } },
      });
      expect((await rawRequest(api.url, signed(body, { secret }))).status).toBe(200);
    }
  });

  it("answers url validation with the secret that signed it", async () => {
    for (const secret of [SECRET, NEXT_SECRET]) {
      const answer = await rawRequest(api.url, signed(validation({ plainToken: "p-token" }), { secret }));
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({
        plainToken: "p-token",
        encryptedToken: createHmac("sha256", secret).update("p-token").digest("hex"),
      });
    }
  });
});
