import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  answerUrlValidation,
  signZoomWebhook,
  verifyZoomWebhook,
  ZoomWebhookError,
} from "../../src/webhooks/index.js";

const SECRET = "whsec-validation-secret";

describe("answerUrlValidation", () => {
  it("answers a verified endpoint.url_validation event with the HMAC of its plainToken", () => {
    const rawBody = JSON.stringify({
      event: "endpoint.url_validation",
      event_ts: 1_780_000_000_000,
      payload: { plainToken: "qgg8vlvZRS6UYooatFL8Aw" },
    });
    const event = verifyZoomWebhook({
      secretToken: SECRET,
      rawBody,
      headers: signZoomWebhook(SECRET, rawBody, 1_780_000_000),
      now: 1_780_000_000_000,
    });

    expect(answerUrlValidation(event, SECRET)).toEqual({
      plainToken: "qgg8vlvZRS6UYooatFL8Aw",
      encryptedToken: createHmac("sha256", SECRET).update("qgg8vlvZRS6UYooatFL8Aw").digest("hex"),
    });
  });

  it("accepts the plainToken itself", () => {
    const answer = answerUrlValidation("abc", SECRET);
    expect(answer.plainToken).toBe("abc");
    expect(answer.encryptedToken).toMatch(/^[0-9a-f]{64}$/);
    expect(answer.encryptedToken).not.toBe(answerUrlValidation("abc", "other-secret").encryptedToken);
  });

  it("refuses an event without a plainToken, and an empty secret, without echoing the secret", () => {
    const event = { event: "endpoint.url_validation", payload: {} };
    expect(() => answerUrlValidation(event, SECRET)).toThrow(ZoomWebhookError);
    expect(() => answerUrlValidation(event, SECRET)).toThrow(
      expect.objectContaining({ code: "malformed_body" }),
    );
    expect(() => answerUrlValidation("abc", "")).toThrow(expect.objectContaining({ code: "missing_secret" }));
    try {
      answerUrlValidation(event, SECRET);
    } catch (error) {
      expect((error as Error).message).not.toContain(SECRET);
    }
  });

  it("answers with the secret that verified the event when several are configured", () => {
    const next = "whsec-next-secret";
    const rawBody = JSON.stringify({
      event: "endpoint.url_validation",
      event_ts: 1_780_000_000_000,
      payload: { plainToken: "p1" },
    });
    const hmac = (key: string) => createHmac("sha256", key).update("p1").digest("hex");
    for (const signer of [SECRET, next]) {
      const event = verifyZoomWebhook({
        secretToken: [SECRET, next],
        rawBody,
        headers: signZoomWebhook(signer, rawBody, 1_780_000_000),
        now: 1_780_000_000_000,
      });
      expect(answerUrlValidation(event, [SECRET, next]).encryptedToken).toBe(hmac(signer));
    }
    expect(answerUrlValidation("p1", [next, SECRET]).encryptedToken).toBe(hmac(next));
  });
});
