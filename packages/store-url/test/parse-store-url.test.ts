import { describe, expect, it } from "vitest";
import { describeStoreUrl, parseStoreUrl, StoreUrlError } from "../src/index.js";

function thrown(action: () => unknown): StoreUrlError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreUrlError);
    return error as StoreUrlError;
  }
  throw new Error("expected a StoreUrlError");
}

describe("parseStoreUrl", () => {
  it.each([
    ["memory", { kind: "memory" }],
    ["redis://127.0.0.1:6379", { kind: "redis", url: "redis://127.0.0.1:6379" }],
    ["rediss://:pw@cache.internal:6380/2", { kind: "redis", url: "rediss://:pw@cache.internal:6380/2" }],
    ["postgres://app@db/zoom", { kind: "postgres", url: "postgres://app@db/zoom" }],
    [
      "postgresql://app:pw@db:5433/zoom?sslmode=require",
      { kind: "postgres", url: "postgresql://app:pw@db:5433/zoom?sslmode=require" },
    ],
  ])("classifies %s by its scheme", (url, expected) => {
    expect(parseStoreUrl(url)).toEqual(expected);
  });

  it("rejects another scheme with its name and the accepted ones, never the URL or its password", () => {
    const error = thrown(() => parseStoreUrl("mysql://root:hunter2@db.internal/zoom"));
    expect(error.code).toBe("store_url_unsupported");
    expect(error.message).toContain('"mysql:"');
    expect(error.message).toContain("memory, redis://, rediss://, postgres:// or postgresql://");
    expect(error.message).not.toMatch(/hunter2|db\.internal/);
  });

  it("rejects text that is no URL without repeating it, even in the cause", () => {
    const error = thrown(() => parseStoreUrl("redis//user:hunter2@cache"));
    expect(error.code).toBe("store_url_invalid");
    expect(`${error.message} ${String((error.cause as Error).message)}`).not.toContain("hunter2");
  });

  it("takes `memory` only as the whole word", () => {
    expect(thrown(() => parseStoreUrl("Memory")).code).toBe("store_url_invalid");
    expect(thrown(() => parseStoreUrl("memory://")).code).toBe("store_url_unsupported");
  });
});

describe("describeStoreUrl", () => {
  it("masks the password and drops the query string", () => {
    expect(describeStoreUrl("redis://app:s3cret@cache:6379/0")).toBe("redis://app:***@cache:6379/0");
    expect(describeStoreUrl("postgres://app:s3cret@db/zoom?sslpassword=k3y")).toBe(
      "postgres://app:***@db/zoom",
    );
  });

  it("shows a URL without a password unchanged, and memory as memory", () => {
    expect(describeStoreUrl("rediss://cache.internal:6380")).toBe("rediss://cache.internal:6380");
    expect(describeStoreUrl("memory")).toBe("memory");
  });
});
