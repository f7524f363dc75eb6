/**
 * `POST /webhooks/zoom` as a real process: signatures are checked over the raw bytes, stale and forged
 * requests are refused with 4xx (Zoom does not retry those), and the URL-validation challenge is
 * answered, both to requests signed here and to the simulator's own challenge.
 */
import { createHmac } from "node:crypto";
import type { ZoomSimulator } from "@zoomkit/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApi, startApi } from "./support/api.js";
import { randomKey, realModeEnv, startSimulator } from "./support/zoom.js";

const SECRET = randomKey();
let sim: ZoomSimulator;
let api: RunningApi;

const hmac = (key: string, text: string) => createHmac("sha256", key).update(text).digest("hex");
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Posts `rawBody` exactly as given, signed with `secret` at `timestamp`. */
function deliver(rawBody: string, options: { secret?: string; timestamp?: number; signature?: string } = {}) {
  const timestamp = String(options.timestamp ?? nowSeconds());
  const signature = options.signature ?? `v0=${hmac(options.secret ?? SECRET, `v0:${timestamp}:${rawBody}`)}`;
  return fetch(`${api.url}/webhooks/zoom`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-zm-request-timestamp": timestamp,
      "x-zm-signature": signature,
    },
    body: rawBody,
  });
}

const event = JSON.stringify({
  event: "meeting.created",
  event_ts: Date.now(),
  payload: { account_id: "acc", object: { id: 91234567890, topic: "Planning" } },
});

beforeAll(async () => {
  sim = await startSimulator();
  const key = randomKey();
  api = await startApi(realModeEnv(sim, { API_KEYS: key, ZOOM_WEBHOOK_SECRET_TOKEN: SECRET }), key);
});

afterAll(async () => {
  expect(await api?.stop()).toBe(0);
  await sim?.close();
  expect(api.process.output()).not.toContain(SECRET);
});

describe("webhooks", () => {
  it("accepts a correctly signed event", async () => {
    const answer = await deliver(event);
    expect(answer.status).toBe(200);
    const log = await api.process.waitForLog((line) => line.msg === "zoom webhook");
    expect(log).toMatchObject({ event: "meeting.created", meetingId: "91234567890" });
  });

  it("verifies the raw bytes, not a re-serialised parse", async () => {
    // Spacing, key order and non-ASCII text that JSON.stringify(JSON.parse(body)) would change.
    const raw =
      '{ "payload" : {"object": {"id": 1, "topic": "Über-Planung \\u00e9"}},\n  "event":"meeting.updated" }';
    expect((await deliver(raw)).status).toBe(200);
  });

  it("refuses a forged signature with 401", async () => {
    const answer = await deliver(event, { secret: "not-the-secret-token" });
    expect(answer.status).toBe(401);
    expect(await answer.json()).toMatchObject({ error: "invalid_signature" });
  });

  it("refuses a body altered after signing", async () => {
    const timestamp = nowSeconds();
    const signature = `v0=${hmac(SECRET, `v0:${timestamp}:${event}`)}`;
    const answer = await deliver(event.replace("Planning", "Planninh"), { timestamp, signature });
    expect(answer.status).toBe(401);
  });

  it("refuses a stale timestamp, even with a valid signature (replay)", async () => {
    const answer = await deliver(event, { timestamp: nowSeconds() - 10 * 60 });
    expect(answer.status).toBe(401);
    expect(await answer.json()).toMatchObject({ error: "stale_timestamp" });
  });

  it("refuses a request without signature headers", async () => {
    const answer = await fetch(`${api.url}/webhooks/zoom`, { method: "POST", body: event });
    expect(answer.status).toBe(401);
  });

  it("answers the url-validation challenge", async () => {
    const body = JSON.stringify({
      event: "endpoint.url_validation",
      payload: { plainToken: "qgg8vlvZRS6UYooatFL8Aw" },
    });
    const answer = await deliver(body);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      plainToken: "qgg8vlvZRS6UYooatFL8Aw",
      encryptedToken: hmac(SECRET, "qgg8vlvZRS6UYooatFL8Aw"),
    });
  });

  it("passes the simulator's own url-validation check", async () => {
    sim.control.set({ webhook: { url: `${api.url}/webhooks/zoom`, secretToken: SECRET } });
    expect(await sim.control.sendUrlValidation()).toMatchObject({ ok: true, status: 200 });
  });
});
