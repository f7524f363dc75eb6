/**
 * The embedded default: with no Zoom credentials configured, a local Zoom (the simulator) runs in this
 * process, seeded with a host and meetings that ended long ago, recently, and that lie ahead, so a
 * first run shows the sweep deleting only what it should.
 */
import { type EmbeddedZoom, startEmbeddedZoom } from "@zoomkit/app-support";
import type { SeedMeeting } from "@zoomkit/simulator";

const HOUR = 60 * 60_000;

/** Seeded meetings, relative to `now`: two long over, one just over (inside the default grace), two ahead. */
export function seedMeetings(host: string, now: number): SeedMeeting[] {
  const at = (offsetMs: number) => new Date(now + offsetMs).toISOString().replace(/\.\d{3}Z$/, "Z");
  return [
    { host, topic: "Retro (three days ago)", start_time: at(-72 * HOUR), duration: 60, ended: true },
    { host, topic: "Planning (yesterday)", start_time: at(-26 * HOUR), duration: 45, ended: true },
    { host, topic: "Stand-up (ended 15 minutes ago)", start_time: at(-0.5 * HOUR), duration: 15 },
    { host, topic: "Demo (tomorrow)", start_time: at(24 * HOUR), duration: 30 },
    { host, topic: "Review (next week)", start_time: at(7 * 24 * HOUR), duration: 60 },
  ];
}

/** Starts the simulator on a free loopback port with the seeded host and meetings. */
export function startSeededZoom(now: number = Date.now()): Promise<EmbeddedZoom> {
  return startEmbeddedZoom({ meetings: (host) => seedMeetings(host, now) });
}
