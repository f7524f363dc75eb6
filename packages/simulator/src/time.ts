/**
 * Zoom reads a `start_time` without `Z` or an offset as wall-clock time in the meeting's `timezone`
 * (its docs: "UTC, or local to timezone without the Z"), and answers in UTC.
 */

const HAS_ZONE = /(?:Z|[+-]\d{2}:\d{2})$/i;

/** Epoch ms of a `start_time`, reading an offset-less time in `timezone`. */
export function parseStartTime(value: string, timezone: string): number {
  if (HAS_ZONE.test(value)) return Date.parse(value);
  const asUtc = Date.parse(`${value}Z`);
  // The zone's offset at the guessed instant, then again at the corrected one (a DST change in between).
  const first = asUtc - offsetAt(asUtc, timezone);
  return asUtc - offsetAt(first, timezone);
}

/** How far `timezone`'s wall clock is ahead of UTC at `epochMs`, in ms. */
function offsetAt(epochMs: number, timezone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: timezone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(epochMs / 1000) * 1000;
}

/** Zoom writes times in UTC without milliseconds. */
export function zoomTime(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace(".000Z", "Z");
}
