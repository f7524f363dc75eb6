/**
 * Argument checks at the store's boundary. A bad argument is a bug in the caller: it throws a
 * `RangeError` or `TypeError` at once instead of reaching Redis (where, say, a ttl of 0 would delete).
 */

export function requireKey(key: string): string {
  if (typeof key !== "string" || key.length === 0)
    throw new TypeError("redis store: key must be a non-empty string");
  return key;
}

export function requireString(value: string, name: string): string {
  if (typeof value !== "string") throw new TypeError(`redis store: ${name} must be a string`);
  return value;
}

/** A positive duration in whole milliseconds (fractions round up, so a ttl never shrinks to 0). */
export function positiveMs(value: number, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`redis store: ${name} must be a positive number of milliseconds`);
  }
  return Math.ceil(value);
}

/** A non-negative safe integer (generations and fences). */
export function wholeNumber(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`redis store: ${name} must be a non-negative integer`);
  }
  return value;
}
