/**
 * Meetings put in place directly (start options, `control.seedMeetings`, `POST /__sim/meetings`): one
 * schema validates them on every path, and the public types are derived from it.
 */
import { z } from "zod";
import type { Participant } from "./state/meetings.js";

export const seedParticipantSchema = z.strictObject({
  name: z.string().min(1),
  user_email: z.string().optional(),
  /** Minutes in the meeting. @default the meeting's duration */
  duration: z.number().int().min(0).optional(),
});

export const seedMeetingSchema = z.strictObject({
  /** Host id or email; must be a seeded user. */
  host: z.string().min(1),
  topic: z.string().max(200).optional(),
  /** @default 2 (scheduled) */
  type: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(8)]).optional(),
  /** ISO-8601 time; may be in the past. @default now */
  start_time: z.iso.datetime({ offset: true }).optional(),
  /** Minutes. @default 60 */
  duration: z.number().int().min(0).optional(),
  timezone: z.string().optional(),
  agenda: z.string().optional(),
  /** Record the meeting as held and ended at start_time + duration (past meeting details exist). */
  ended: z.boolean().optional(),
  /**
   * Record the ended instance in the cloud (a video, an audio and a transcript file).
   * @default false
   */
  recorded: z.boolean().optional(),
  /** Participants of the ended instance. */
  participants: z.array(seedParticipantSchema).optional(),
});

/** A participant of a past meeting. */
export type SeedParticipant = z.input<typeof seedParticipantSchema>;
/** A meeting put in place directly (for example one that ended yesterday, for a sweeper's tests). */
export type SeedMeeting = z.input<typeof seedMeetingSchema>;

/** Seeded participants as held-instance participants, with stable ids; `duration` defaults to the event's. */
export function toParticipants(seeds: SeedParticipant[], duration: number): Participant[] {
  return seeds.map((p, i) => ({
    id: `sImPaRtIcIpAnT${String(i + 1).padStart(8, "0")}`,
    name: p.name,
    user_email: p.user_email ?? "",
    duration: p.duration ?? duration,
  }));
}
