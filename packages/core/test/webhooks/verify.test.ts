import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ZoomKitError } from "../../src/errors.js";
import { signZoomWebhook, verifyZoomWebhook, ZoomWebhookError } from "../../src/webhooks/index.js";

const SECRET = "whsec-0123456789abcdef";
const NOW_S = 1_780_000_000;
const now = NOW_S * 1000;
const body = JSON.stringify({
  event: "meeting.started",
  event_ts: now,
  payload: { account_id: "acc", object: { id: "12345678901", topic: "Standup" } },
});

function verify(overrides: Partial<Parameters<typeof verifyZoomWebhook>[0]> = {}) {
  return verifyZoomWebhook({
    secretToken: SECRET,
    rawBody: body,
    headers: new Headers(signZoomWebhook(SECRET, body, NOW_S)),
    now,
    ...overrides,
  });
}

function failure(run: () => unknown): ZoomWebhookError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ZoomWebhookError);
    expect(error).toBeInstanceOf(ZoomKitError);
    expect((error as Error).message).not.toContain(SECRET);
    return error as ZoomWebhookError;
  }
  throw new Error("expected verification to fail");
}

describe("signZoomWebhook", () => {
  it("signs v0:{timestamp}:{raw body} with HMAC-SHA256 as Zoom documents", () => {
    const expected = createHmac("sha256", SECRET).update(`v0:${NOW_S}:${body}`).digest("hex");
    expect(signZoomWebhook(SECRET, body, NOW_S)).toEqual({
      "x-zm-signature": `v0=${expected}`,
      "x-zm-request-timestamp": String(NOW_S),
    });
  });
});

describe("verifyZoomWebhook", () => {
  it("returns the parsed event for a correctly signed request", () => {
    expect(verify()).toEqual(JSON.parse(body));
  });

  it("verifies over raw bytes and accepts a plain header record in any case", () => {
    const bytes = new TextEncoder().encode(body);
    const signed = signZoomWebhook(SECRET, bytes, NOW_S);
    const event = verify({
      rawBody: bytes,
      headers: { "X-Zm-Signature": signed["x-zm-signature"], "x-zm-request-timestamp": [String(NOW_S)] },
    });
    expect(event.event).toBe("meeting.started");
  });

  it("rejects a forged signature (signed with another secret)", () => {
    const forged = signZoomWebhook("attacker-secret", body, NOW_S);
    expect(failure(() => verify({ headers: forged })).code).toBe("invalid_signature");
  });

  it("rejects a tampered body, even one that only changes whitespace", () => {
    const reserialised = JSON.stringify(JSON.parse(body), null, 1);
    expect(failure(() => verify({ rawBody: body.replace("Standup", "Standdown") })).code).toBe(
      "invalid_signature",
    );
    expect(failure(() => verify({ rawBody: reserialised })).code).toBe("invalid_signature");
  });

  it("rejects a malformed signature header", () => {
    const headers = { "x-zm-signature": "v1=abc", "x-zm-request-timestamp": String(NOW_S) };
    expect(failure(() => verify({ headers })).code).toBe("invalid_signature");
  });

  it("rejects a signature whose timestamp header was changed", () => {
    const signed = signZoomWebhook(SECRET, body, NOW_S);
    const headers = { ...signed, "x-zm-request-timestamp": String(NOW_S + 1) };
    expect(failure(() => verify({ headers })).code).toBe("invalid_signature");
  });

  it("rejects a correctly signed request older than the tolerance", () => {
    const old = NOW_S - 301;
    const error = failure(() => verify({ headers: signZoomWebhook(SECRET, body, old) }));
    expect(error.code).toBe("stale_timestamp");
    expect(verify({ headers: signZoomWebhook(SECRET, body, NOW_S - 300) }).event).toBe("meeting.started");
  });

  it("rejects a timestamp in the future beyond the tolerance", () => {
    const error = failure(() => verify({ headers: signZoomWebhook(SECRET, body, NOW_S + 301) }));
    expect(error.code).toBe("stale_timestamp");
    expect(error.message).toContain("future");
  });

  it("honours a custom tolerance and a Date for now", () => {
    const headers = signZoomWebhook(SECRET, body, NOW_S - 60);
    expect(failure(() => verify({ headers, toleranceSeconds: 30 })).code).toBe("stale_timestamp");
    expect(verify({ headers, now: new Date(now), toleranceSeconds: 90 }).event).toBe("meeting.started");
  });

  it("rejects missing headers", () => {
    const signed = signZoomWebhook(SECRET, body, NOW_S);
    expect(failure(() => verify({ headers: {} })).code).toBe("missing_signature");
    expect(
      failure(() => verify({ headers: { "x-zm-request-timestamp": signed["x-zm-request-timestamp"] } })).code,
    ).toBe("missing_signature");
    expect(failure(() => verify({ headers: { "x-zm-signature": signed["x-zm-signature"] } })).code).toBe(
      "missing_timestamp",
    );
  });

  it("rejects a timestamp that is not Unix seconds", () => {
    const headers = { "x-zm-signature": `v0=${"0".repeat(64)}`, "x-zm-request-timestamp": "yesterday" };
    expect(failure(() => verify({ headers })).code).toBe("invalid_timestamp");
  });

  it("rejects a correctly signed body that is not a JSON event", () => {
    for (const raw of ["not json", "[]", '{"payload":{}}', '{"event":"x"}']) {
      const error = failure(() => verify({ rawBody: raw, headers: signZoomWebhook(SECRET, raw, NOW_S) }));
      expect(error.code).toBe("malformed_body");
    }
  });

  it("refuses a missing or parsed rawBody with malformed_body, never a TypeError", () => {
    for (const rawBody of [undefined, null, JSON.parse(body) as unknown, 42]) {
      const error = failure(() => verify({ rawBody: rawBody as string }));
      expect(error).toBeInstanceOf(ZoomWebhookError);
      expect(error.code).toBe("malformed_body");
      expect(error.message).toMatch(/rawBody must be the request body/);
    }
  });

  it("refuses to verify with an empty secret, which would make signatures forgeable", () => {
    const headers = signZoomWebhook("", body, NOW_S);
    expect(failure(() => verify({ secretToken: "", headers })).code).toBe("missing_secret");
  });

  it("accepts a request signed with any of several secrets (rotation), and says which one verified it", () => {
    const next = "whsec-next-0123456789";
    const secretToken = [next, SECRET];
    expect(verify({ secretToken }).event).toBe("meeting.started");
    const byNext = verify({ secretToken, headers: signZoomWebhook(next, body, NOW_S) });
    expect(byNext.event).toBe("meeting.started");
    expect(
      failure(() => verify({ secretToken, headers: signZoomWebhook("retired", body, NOW_S) })).code,
    ).toBe("invalid_signature");
  });

  it("refuses an empty list of secrets, or one empty secret among them", () => {
    expect(failure(() => verify({ secretToken: [] })).code).toBe("missing_secret");
    expect(failure(() => verify({ secretToken: [SECRET, ""] })).code).toBe("missing_secret");
  });
});
