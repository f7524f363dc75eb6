/**
 * Argument checks at a store's boundary, the same in every store. A bad argument is a bug in the
 * caller: it fails at once with `store_invalid_argument` (or `store_misconfigured` for options)
 * instead of reaching the backend, where, say, a ttl of 0 would delete the key or never expire it.
 */
import type { PermitRate, StoreLease } from "./contract.js";
import { StoreError, type StoreErrorClass, type StoreErrorCode } from "./store-error.js";

/** The checks of one store; each throws the store's error class and names the operation. */
export interface ArgumentChecks {
  /** A non-empty string key. */
  key(operation: string, key: unknown): string;
  /** Any string (values, tags, holders: opaque to the store). */
  text(operation: string, name: string, value: unknown): string;
  /** A finite duration above 0, in whole milliseconds (fractions round up, so a ttl never becomes 0). */
  positiveMs(operation: string, name: string, value: unknown): number;
  /** A finite duration of 0 or more, in whole milliseconds (fractions round up). */
  nonNegativeMs(operation: string, name: string, value: unknown): number;
  /** A non-negative safe integer (generations and fences). */
  wholeNumber(operation: string, name: string, value: unknown): number;
  /** A lease as `acquireLease` handed it out: key, holder and a positive whole fence. */
  lease(operation: string, lease: unknown): StoreLease;
  /** A `takePermits` request: `want` a whole number of at least 1, a rate above 0, a whole burst of at least 1. */
  permits(operation: string, want: unknown, rate: unknown): { want: number } & PermitRate;
}

/**
 * The argument checks of a store named `label` (it starts every message, e.g. `redis store`).
 * Errors are instances of `ErrorClass` with `code` (`store_invalid_argument` unless given; use
 * `store_misconfigured` for checking a factory's options).
 *
 * @default ErrorClass StoreError
 * @example
 * ```ts
 * const check = createArgumentChecks("my store", MyStoreError);
 * async get(key) {
 *   check.key("get", key);
 *   // ...
 * }
 * const options = createArgumentChecks("my store", MyStoreError, "store_misconfigured");
 * const timeoutMs = options.positiveMs("createMyStore", "timeoutMs", given.timeoutMs ?? 2000);
 * ```
 */
export function createArgumentChecks<Code extends StoreErrorCode>(
  label: string,
  ErrorClass: StoreErrorClass<Code> = StoreError as StoreErrorClass<Code>,
  code: Code = "store_invalid_argument" as Code,
): ArgumentChecks {
  const invalid = (operation: string, what: string, value: unknown) =>
    new ErrorClass(code, operation, `${label}: ${operation}: ${what} (got ${describe(value)})`);
  const duration = (operation: string, name: string, value: unknown, zeroAllowed: boolean) => {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || (value === 0 && !zeroAllowed)) {
      const rule = zeroAllowed ? "a number of 0 or more" : "a positive number";
      throw invalid(operation, `${name} must be ${rule} of milliseconds`, value);
    }
    return Math.ceil(value);
  };
  const checks: ArgumentChecks = {
    key(operation, key) {
      if (typeof key !== "string" || key.length === 0) {
        throw invalid(operation, "key must be a non-empty string", key);
      }
      return key;
    },
    text(operation, name, value) {
      if (typeof value !== "string") throw invalid(operation, `${name} must be a string`, value);
      return value;
    },
    positiveMs: (operation, name, value) => duration(operation, name, value, false),
    nonNegativeMs: (operation, name, value) => duration(operation, name, value, true),
    wholeNumber(operation, name, value) {
      if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
        throw invalid(operation, `${name} must be a whole number of 0 or more`, value);
      }
      return value;
    },
    lease(operation, lease) {
      if (typeof lease !== "object" || lease === null)
        throw invalid(operation, "lease must be a lease", lease);
      const { key, holder, fence, ttlMs } = lease as Partial<StoreLease>;
      checks.key(operation, key);
      checks.text(operation, "lease.holder", holder);
      if (checks.wholeNumber(operation, "lease.fence", fence) === 0) {
        throw invalid(operation, "lease.fence must be a positive whole number", fence);
      }
      return { key: key as string, holder: holder as string, fence: fence as number, ttlMs: ttlMs as number };
    },
    permits(operation, want, rate) {
      if (checks.wholeNumber(operation, "want", want) === 0) {
        throw invalid(operation, "want must be a whole number of 1 or more", want);
      }
      if (typeof rate !== "object" || rate === null) throw invalid(operation, "rate must be a rate", rate);
      const { ratePerSecond, burst } = rate as Partial<PermitRate>;
      if (typeof ratePerSecond !== "number" || !Number.isFinite(ratePerSecond) || ratePerSecond <= 0) {
        throw invalid(operation, "rate.ratePerSecond must be a positive number", ratePerSecond);
      }
      if (checks.wholeNumber(operation, "rate.burst", burst) === 0) {
        throw invalid(operation, "rate.burst must be a whole number of 1 or more", burst);
      }
      return { want: want as number, ratePerSecond, burst: burst as number };
    },
  };
  return checks;
}

/** What was given, for the message: its type, and a short value only for numbers and booleans. */
function describe(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return value.length === 0 ? "an empty string" : "a string";
  return value === null ? "null" : typeof value;
}
