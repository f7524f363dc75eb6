import { describe, expect, it } from "vitest";
import { createConnectionRedactor, redactUrl } from "../../src/stores/redact-url.js";

describe("redactUrl", () => {
  it("replaces user and password of every URL in a text, and password-like parameters", () => {
    expect(redactUrl("redis://default:pa55@cache:6379/0")).toBe("redis://***:***@cache:6379/0");
    expect(redactUrl("rediss://:pa55@cache:6380")).toBe("rediss://***:***@cache:6380");
    expect(redactUrl("redis://admin@cache")).toBe("redis://***@cache");
    expect(redactUrl("postgres://db:5432/zoom?user=app&password=pa55&sslmode=require")).toBe(
      "postgres://db:5432/zoom?user=***&password=***&sslmode=require",
    );
    expect(redactUrl("postgres://db/zoom?sslpassword=x&application_name=api")).toBe(
      "postgres://db/zoom?sslpassword=***&application_name=api",
    );
    expect(redactUrl("host=db user=app password='pa 55' dbname=zoom")).toBe(
      "host=db user=*** password=*** dbname=zoom",
    );
    expect(redactUrl("connect to mongodb+srv://u:p@x.example/db failed; retry")).toBe(
      "connect to mongodb+srv://***:***@x.example/db failed; retry",
    );
  });

  it("leaves a text without credentials as it is", () => {
    for (const text of ["redis://cache:6379", "redis store: get timed out after 2000 ms", "a=b&c=d", ""]) {
      expect(redactUrl(text)).toBe(text);
    }
  });
});

describe("createConnectionRedactor", () => {
  it("removes the exact secrets of its connection strings, in any form, and URL credentials", () => {
    const url = "postgres://app:p%40ss@db:5432/zoom?sslpassword=k3y";
    const redact = createConnectionRedactor([url, undefined, ""]);
    expect(redact(`connect ${url} failed`)).toBe("connect *** failed");
    expect(redact("auth failed for p@ss (p%40ss)")).toBe("auth failed for *** (***)");
    expect(redact("key k3y refused")).toBe("key *** refused");
    expect(redact("other redis://u:x@h")).toBe("other redis://***:***@h");
  });

  it("covers key-value connection strings", () => {
    const redact = createConnectionRedactor(["host=db password='s p@ce' user=app"]);
    expect(redact("password s p@ce was refused")).toBe("password *** was refused");
  });
});
