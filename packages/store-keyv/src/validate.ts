/** Argument checks at the store's boundary: a bad argument is a caller's bug and throws at once. */

export function requireKey(key: string): string {
  if (typeof key !== "string" || key.length === 0)
    throw new TypeError("keyv store: key must be a non-empty string");
  return key;
}

/** A positive duration in whole milliseconds (fractions round up, so a ttl never shrinks to 0). */
export function positiveMs(value: number, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`keyv store: ${name} must be a positive number of milliseconds`);
  }
  return Math.ceil(value);
}
