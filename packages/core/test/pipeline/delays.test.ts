import { describe, expect, it } from "vitest";
import { raceAbort } from "../../src/abort.js";
import { maskEmails } from "../../src/pipeline/attempt.js";
import { backoffDelay, rateLimitDelay } from "../../src/pipeline/backoff.js";
import { parseRetryAfter } from "../../src/pipeline/retry-after.js";
import { sleep } from "../../src/pipeline/sleep.js";

const NOW = Date.UTC(2026, 0, 1, 0, 0, 0);

describe("parseRetryAfter", () => {
  it("reads delay-seconds, HTTP-dates and ISO-8601 times", () => {
    expect(parseRetryAfter("3", NOW)).toEqual({ ms: 3000, at: new Date(NOW + 3000), form: "seconds" });
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:05 GMT", NOW)).toMatchObject({
      ms: 5000,
      form: "http-date",
    });
    expect(parseRetryAfter("2026-01-01T00:00:07Z", NOW)).toMatchObject({ ms: 7000, form: "iso" });
  });

  it("reads a zone-less ISO time as UTC", () => {
    expect(parseRetryAfter("2026-01-01T00:00:09", NOW)).toMatchObject({ ms: 9000, form: "iso" });
  });

  it("never returns a negative wait, and ignores what it cannot read", () => {
    expect(parseRetryAfter("2025-12-31T23:00:00Z", NOW)?.ms).toBe(0);
    expect(parseRetryAfter("soon", NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter("", NOW)).toBeUndefined();
  });

  it("reads an overlong delay as a day, never as an Invalid Date or NaN", () => {
    const day = 86_400_000;
    for (const value of ["999999999999999999999", "9".repeat(400), `${"9".repeat(400)}.5`]) {
      const parsed = parseRetryAfter(value, NOW);
      expect(parsed).toEqual({ ms: day, at: new Date(NOW + day), form: "seconds" });
    }
    expect(parseRetryAfter("+275760-09-14T00:00:00Z", NOW)).toBeUndefined();
  });
});

describe("delays", () => {
  it("backs off exponentially under a cap, with full jitter", () => {
    const top = () => 0.999_999;
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, 500, 8_000, top))).toEqual([
      499, 999, 1999, 3999, 7999, 7999,
    ]);
    expect(backoffDelay(3, 500, 8_000, () => 0)).toBe(0);
  });

  it("waits Retry-After or the default, plus jitter", () => {
    expect(rateLimitDelay(2000, 1000, 1000, () => 0.5)).toBe(2500);
    expect(rateLimitDelay(undefined, 1000, 1000, () => 0.5)).toBe(1500);
    expect(rateLimitDelay(undefined, 1000, 0, () => 0.9)).toBe(1000);
  });
});

describe("sleep", () => {
  it("rejects with the abort reason as soon as the signal aborts", async () => {
    const controller = new AbortController();
    const reason = new Error("stop");
    const pending = sleep(60_000, controller.signal);
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it("resolves after the delay", async () => {
    await expect(sleep(1)).resolves.toBeUndefined();
  });

  it("raceAbort settles with the promise, or with the reason when aborted first", async () => {
    const controller = new AbortController();
    await expect(raceAbort(Promise.resolve(7), controller.signal)).resolves.toBe(7);
    const pending = raceAbort(new Promise(() => {}), controller.signal);
    controller.abort("why");
    await expect(pending).rejects.toBe("why");
  });
});

describe("maskEmails", () => {
  it("masks raw and percent-encoded e-mail segments and leaves ids alone", () => {
    expect(maskEmails("/v2/users/host%40example.com/meetings")).toBe("/v2/users/{email}/meetings");
    expect(maskEmails("/v2/users/Host@Example.com")).toBe("/v2/users/{email}");
    expect(maskEmails("/v2/users/KDcuGIm1QgePTO8WbOqwIQ/meetings")).toBe(
      "/v2/users/KDcuGIm1QgePTO8WbOqwIQ/meetings",
    );
    expect(maskEmails("/v2/meetings/85746065432")).toBe("/v2/meetings/85746065432");
  });
});
