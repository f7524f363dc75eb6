/**
 * The apps' logger censors secrets at any depth: fields named like secrets wherever they sit, URL and
 * connection-string credentials inside any string (messages included), and errors with their causes.
 * Fingerprints, which operators need to correlate, stay visible.
 */
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.js";

const PASSWORD = "pg-pass-7f3a9c";
const SECRET = "client-secret-41d2e8";
const TOKEN = "eyJ0b2tlbi1ib2R5LXRoYXQtbXVzdC1uZXZlci1zaG93";

function capture() {
  const lines: string[] = [];
  const logger = createLogger({
    level: "debug",
    name: "test",
    destination: { write: (line: string) => lines.push(line) },
  });
  return { logger, output: () => lines.join(""), records: () => lines.map((line) => JSON.parse(line)) };
}

describe("createLogger", () => {
  it("censors secret fields at any depth, in any spelling", () => {
    const { logger, output, records } = capture();
    logger.info(
      {
        config: { zoom: { clientSecret: SECRET, client_secret: SECRET, "CLIENT-SECRET": SECRET } },
        tick: { deep: { deeper: { deepest: { password: PASSWORD, accessToken: TOKEN } } } },
        list: [{ token: TOKEN }, { encryptionKey: SECRET }, { ZOOMKIT_TOKEN_KEY: SECRET }],
        headers: { authorization: `Bearer ${TOKEN}`, "x-zm-signature": SECRET },
        tokenFingerprint: "abc123def456",
      },
      "nested",
    );
    expect(output()).not.toContain(SECRET);
    expect(output()).not.toContain(PASSWORD);
    expect(output()).not.toContain(TOKEN);
    const [record] = records();
    expect(record.config.zoom).toEqual({
      clientSecret: "[redacted]",
      client_secret: "[redacted]",
      "CLIENT-SECRET": "[redacted]",
    });
    expect(record.tokenFingerprint).toBe("abc123def456");
  });

  it("masks credentials of URLs and connection strings in values and in the message", () => {
    const { logger, output, records } = capture();
    logger.info(
      {
        store: `postgres://app:${PASSWORD}@db:5432/zoom?sslmode=require&password=${PASSWORD}`,
        redis: new URL(`redis://default:${PASSWORD}@cache:6379`),
        dsn: `host=db user=app password='${PASSWORD}' dbname=zoom`,
      },
      `connecting to rediss://admin:${PASSWORD}@cache.internal:6380/0`,
    );
    expect(output()).not.toContain(PASSWORD);
    const [record] = records();
    expect(record.store).toBe("postgres://***:***@db:5432/zoom?sslmode=require&password=***");
    expect(record.msg).toBe("connecting to rediss://***:***@cache.internal:6380/0");
  });

  it("serialises errors with their cause chain, masked", () => {
    const { logger, output, records } = capture();
    const driver = Object.assign(new Error(`connect ECONNREFUSED postgres://app:${PASSWORD}@db/zoom`), {
      code: "ECONNREFUSED",
      config: { password: PASSWORD },
    });
    const wrapped = new Error("store failed", { cause: driver });
    logger.error({ err: wrapped }, "store failed");
    logger.error(driver);
    expect(output()).not.toContain(PASSWORD);
    const [first, second] = records();
    expect(first.err).toMatchObject({
      type: "Error",
      message: "store failed",
      cause: {
        code: "ECONNREFUSED",
        config: { password: "[redacted]" },
        message: expect.stringContaining("***"),
      },
    });
    expect(second.msg).toContain("postgres://***:***@db/zoom");
  });

  it("survives cycles and very deep objects", () => {
    const { logger, records } = capture();
    const cyclic: Record<string, unknown> = { name: "a" };
    cyclic.self = cyclic;
    let deep: Record<string, unknown> = { password: PASSWORD };
    for (let i = 0; i < 50; i++) deep = { next: deep };
    logger.info({ cyclic, deep }, "odd shapes");
    const [record] = records();
    expect(record.cyclic.self).toBe("[circular]");
    expect(JSON.stringify(record)).not.toContain(PASSWORD);
  });
});
