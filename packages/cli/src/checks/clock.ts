/**
 * This host's clock against Zoom's `Date` header (the token endpoint's when it answered, else the
 * API's). Token lifetimes are relative, but the records the fleet shares (circuit, backoff, token
 * expiry) and webhook timestamps are compared across hosts: a skewed host shortens or stretches them.
 */
import { see } from "../guide.js";
import type { CheckResult } from "../report.js";
import type { ClockSample } from "../session.js";

/** Beyond this the skew is reported (the Date header has whole seconds; networks add a little). */
export const MAX_SKEW_MS = 30_000;

export function checkClock(samples: readonly ClockSample[]): CheckResult {
  const sample = samples.find((s) => s.from === "oauth") ?? samples[0];
  if (!sample) return { id: "clock", status: "unknown", summary: "Zoom sent no Date header to compare with" };
  // The header is truncated to the second: the answer arrived up to 1 s after the time it names.
  const skew = sample.localAt - sample.zoomAt;
  const seconds = Math.round(skew / 1000);
  const against = sample.from === "oauth" ? "the token endpoint" : "the API";
  if (Math.abs(skew) <= MAX_SKEW_MS) {
    return {
      id: "clock",
      status: "pass",
      summary: `within ${Math.max(1, Math.abs(seconds))} s of ${against}'s clock`,
    };
  }
  return {
    id: "clock",
    status: "fail",
    summary: `this host's clock is ${Math.abs(seconds)} s ${skew > 0 ? "ahead of" : "behind"} ${against}'s`,
    fix: `synchronise it (NTP: chrony or systemd-timesyncd); ${see("clock-skew")}`,
  };
}
