import { describe, expect, it } from "vitest";
import { credentialKeys } from "../../src/tokens/keys.js";
import { createRecordCodec } from "../../src/tokens/record-codec.js";
import { jitterFraction, refreshTimes } from "../../src/tokens/refresh-policy.js";

describe("token engine parts", () => {
  it("keys a credential by account, client and secret fingerprint, all under one hash tag", () => {
    const keys = credentialKeys("zoomkit:", "acc", "cid", "s3cret-value");
    const tags = [keys.token, keys.lease, keys.circuit, keys.mints].map((k) => k.match(/\{[^}]*\}/)?.[0]);
    expect(new Set(tags).size).toBe(1);
    expect(tags[0]).toBe(`{acc:cid:${keys.secretFingerprint}}`);
    expect(JSON.stringify(keys)).not.toContain("s3cret-value");
    expect(credentialKeys("zoomkit:", "acc", "cid", "rotated").token).not.toBe(keys.token);
    expect(credentialKeys("p:", "a{b}", "c", "s").token).not.toMatch(/\{a\{/);
  });

  it("refreshes within min(5 min, 10 %) of expiry plus token-derived jitter, and blocks only at the margin", () => {
    const hour = refreshTimes({ mintedAt: 0, expiresAt: 3_600_000, fingerprint: "80000000aaaa" });
    expect(hour.refreshAt).toBe(3_600_000 - 300_000 - 75_000);
    expect(hour.usableUntil).toBe(3_600_000 - 10_000);
    const second = refreshTimes({ mintedAt: 0, expiresAt: 1_000, fingerprint: "00000000aaaa" });
    expect(second.refreshAt).toBe(900);
    expect(second.usableUntil).toBe(980);
    expect(jitterFraction("ffffffff")).toBeLessThan(1);
    expect(jitterFraction("abcdef12")).toBe(jitterFraction("abcdef12"));
  });

  it("round-trips tokens, binds sealed records to their key, and rejects tampering", () => {
    const token = {
      value: "tok-1",
      fingerprint: "x",
      expiresAt: 2,
      mintedAt: 1,
      generation: 0,
      scopes: ["a"],
      apiUrl: "https://api.zoom.us",
    };
    const plain = createRecordCodec();
    expect(plain.decodeToken(plain.encodeToken(token, "k"), "k")).toMatchObject({
      token: { value: "tok-1", scopes: ["a"] },
      stale: false,
    });
    const sealed = createRecordCodec("00".repeat(32));
    const value = sealed.encodeToken(token, "k1");
    expect(sealed.decodeToken(value, "k1")?.token.value).toBe("tok-1");
    expect(sealed.decodeToken(value, "k2")).toBeUndefined();
    expect(sealed.decodeToken(`${value.slice(0, -2)}AA`, "k1")).toBeUndefined();
    expect(sealed.decodeToken(plain.encodeToken(token, "k1"), "k1")).toBeUndefined();
  });
});
