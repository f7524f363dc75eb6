import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { ZoomKitError } from "../../src/errors.js";
import { createRedactor, StoreError, sanitizeCause } from "../../src/stores/store-error.js";

class ExampleStoreError extends StoreError<"store_timeout" | "store_closed"> {
  override readonly name = "ExampleStoreError";
}

describe("StoreError", () => {
  it("carries the code, the operation, the cause and the subclass's name", () => {
    const cause = new Error("socket hang up");
    const error = new ExampleStoreError("store_timeout", "get", "example store: get timed out", { cause });
    expect(error).toBeInstanceOf(ZoomKitError);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({
      code: "store_timeout",
      operation: "get",
      name: "ExampleStoreError",
      cause,
    });
    expect(error.message).toBe("example store: get timed out");
    expect(new StoreError("store_closed", "close", "m").name).toBe("StoreError");
    expect(new StoreError("store_closed", "close", "m").cause).toBeUndefined();
  });
});

describe("createRedactor", () => {
  it("replaces every secret, the longest first, and ignores empty ones", () => {
    const url = "redis://user:p%40ss@host:6379";
    const redact = createRedactor([url, "p%40ss", "p@ss", ""]);
    expect(redact(`connect ${url} failed`)).toBe("connect *** failed");
    expect(redact("auth p@ss and p%40ss and p@ss")).toBe("auth *** and *** and ***");
    expect(redact("nothing secret")).toBe("nothing secret");
    const error = new StoreError("store_timeout", "get", redact(`get failed for ${url}`));
    expect(inspect(error)).not.toContain("p@ss");
    expect(inspect(error)).not.toContain("p%40ss");
  });
});

describe("sanitizeCause", () => {
  it("copies name, string code and the redacted message, and nothing else", () => {
    const raw = Object.assign(new TypeError("login as p@ss failed"), {
      code: "E_AUTH",
      errno: -1,
      options: { password: "p@ss" },
    });
    const copy = sanitizeCause(raw, createRedactor(["p@ss"]));
    expect(Object.getPrototypeOf(copy)).toBe(Error.prototype);
    expect(copy).toMatchObject({ name: "TypeError", message: "login as *** failed", code: "E_AUTH" });
    expect(Object.keys(copy).sort()).toEqual(["code", "name"]);
    expect(inspect(copy, { depth: 5 })).not.toContain("p@ss");
    expect(sanitizeCause("plain text p@ss", createRedactor(["p@ss"])).message).toBe("plain text ***");
  });
});
