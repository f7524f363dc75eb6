import { describe, expect, it } from "vitest";
import { createArgumentChecks } from "../../src/stores/argument-checks.js";
import { StoreError } from "../../src/stores/store-error.js";

class ExampleStoreError extends StoreError<"store_invalid_argument" | "store_misconfigured"> {
  override readonly name = "ExampleStoreError";
}

/** The error `run` throws (fails the test when it throws nothing). */
function thrown(run: () => unknown): ExampleStoreError {
  try {
    run();
  } catch (error) {
    return error as ExampleStoreError;
  }
  throw new Error("nothing thrown");
}

describe("createArgumentChecks", () => {
  const check = createArgumentChecks("example store", ExampleStoreError);

  it("passes what the contract allows, rounding durations up to whole milliseconds", () => {
    expect(check.key("get", "{c}:token")).toBe("{c}:token");
    expect(check.text("compareAndSet", "next.value", "")).toBe("");
    expect(check.positiveMs("acquireLease", "ttlMs", 0.2)).toBe(1);
    expect(check.nonNegativeMs("waitForChange", "timeoutMs", 0)).toBe(0);
    expect(check.wholeNumber("compareAndSet", "expectedGeneration", 0)).toBe(0);
    expect(check.lease("releaseLease", { key: "k", holder: "h", fence: 3, ttlMs: 10 })).toEqual({
      key: "k",
      holder: "h",
      fence: 3,
      ttlMs: 10,
    });
  });

  it("throws the store's class with store_invalid_argument, the operation, and what was wrong", () => {
    const error = thrown(() => check.positiveMs("acquireLease", "ttlMs", 0));
    expect(error).toBeInstanceOf(ExampleStoreError);
    expect(error).toMatchObject({ code: "store_invalid_argument", operation: "acquireLease" });
    expect(error.message).toBe(
      "example store: acquireLease: ttlMs must be a positive number of milliseconds (got 0)",
    );
    const refused: Array<() => unknown> = [
      () => check.key("get", ""),
      () => check.key("get", 1),
      () => check.text("compareAndDelete", "tag", undefined),
      () => check.positiveMs("recordEvent", "windowMs", -1),
      () => check.positiveMs("recordEvent", "windowMs", Number.NaN),
      () => check.positiveMs("recordEvent", "windowMs", Number.POSITIVE_INFINITY),
      () => check.positiveMs("recordEvent", "windowMs", "5"),
      () => check.nonNegativeMs("waitForChange", "timeoutMs", -1),
      () => check.wholeNumber("compareAndSet", "expectedGeneration", 1.5),
      () => check.wholeNumber("compareAndSet", "expectedGeneration", -1),
      () => check.wholeNumber("compareAndSet", "expectedGeneration", 2 ** 53),
      () => check.lease("releaseLease", null),
      () => check.lease("releaseLease", { key: "k", holder: "h", fence: 0, ttlMs: 1 }),
      () => check.lease("releaseLease", { key: "k", fence: 1, ttlMs: 1 }),
    ];
    for (const run of refused) expect(thrown(run).code).toBe("store_invalid_argument");
  });

  it("never echoes a string argument (it may be a secret value)", () => {
    const error = thrown(() => check.positiveMs("compareAndSet", "ttlMs", "sealed-token-value"));
    expect(error.message).not.toContain("sealed-token-value");
    expect(error.message).toContain("got a string");
  });

  it("checks a factory's options with store_misconfigured when asked", () => {
    const options = createArgumentChecks("example store", ExampleStoreError, "store_misconfigured");
    expect(thrown(() => options.positiveMs("createExampleStore", "timeoutMs", 0))).toMatchObject({
      code: "store_misconfigured",
      operation: "createExampleStore",
    });
  });

  it("throws a plain StoreError when no class is given", () => {
    expect(thrown(() => createArgumentChecks("bare store").key("get", ""))).toBeInstanceOf(StoreError);
  });
});
