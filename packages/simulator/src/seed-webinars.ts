/**
 * Webinars put in place directly (start options, `control.seedWebinars`, `POST /__sim/webinars`): one
 * schema validates them on every path, and the public types are derived from it.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { seedParticipantSchema, toParticipants } from "./seeds.js";
import type { UserDirectory } from "./state/users.js";
import type { WebinarRecord, WebinarStore } from "./state/webinars.js";

export const seedRegistrantSchema = z.strictObject({
  email: z.email(),
  first_name: z.string().min(1).max(64),
  last_name: z.string().max(64).optional(),
  /** @default "approved" */
  status: z.enum(["approved", "pending", "denied"]).optional(),
});

export const seedWebinarSchema = z.strictObject({
  /** Host id or email; must be a seeded user. */
  host: z.string().min(1),
  topic: z.string().max(200).optional(),
  /** @default 5 (a webinar at a fixed time) */
  type: z.union([z.literal(5), z.literal(6), z.literal(9)]).optional(),
  /** ISO-8601 time; may be in the past. @default now */
  start_time: z.iso.datetime({ offset: true }).optional(),
  /** Minutes. @default 60 */
  duration: z.number().int().min(0).optional(),
  timezone: z.string().optional(),
  agenda: z.string().optional(),
  /** Registration on (`approval_type` 0, registrants approved at once). @default true when `registrants` are given */
  registration: z.boolean().optional(),
  registrants: z.array(seedRegistrantSchema).optional(),
  panelists: z.array(z.strictObject({ name: z.string().min(1), email: z.email() })).optional(),
  /** Record the webinar as held and ended at start_time + duration (past webinar, report rows). */
  ended: z.boolean().optional(),
  /** Participants of the ended instance; approved registrants whose email is not among them are absentees. */
  participants: z.array(seedParticipantSchema).optional(),
});

/** A registrant of a seeded webinar. */
export type SeedRegistrant = z.input<typeof seedRegistrantSchema>;
/** A webinar put in place directly, with registrants, panelists and, once ended, participants. */
export type SeedWebinar = z.input<typeof seedWebinarSchema>;

/** What seeding webinars needs of the simulation. */
export interface WebinarSeedingDeps {
  users: UserDirectory;
  webinars: WebinarStore;
  now(): number;
  defaultAccountId(): string;
}

/** Validates and puts webinars in place; ended ones get a held instance at start_time + duration. */
export function plantWebinars(deps: WebinarSeedingDeps, seeds: SeedWebinar[]): WebinarRecord[] {
  const parsed = z.array(seedWebinarSchema).safeParse(seeds);
  if (!parsed.success) throw new TypeError(`Invalid webinars: ${parsed.error.message}`);
  return parsed.data.map((seed) => {
    const host = deps.users.findAnywhere(seed.host);
    if (!host) throw new TypeError(`Cannot seed a webinar for unknown user ${seed.host}`);
    const registration = seed.registration ?? (seed.registrants?.length ?? 0) > 0;
    const record = deps.webinars.create(host.accountId ?? deps.defaultAccountId(), host, {
      topic: seed.topic,
      type: seed.type,
      start_time: seed.start_time,
      duration: seed.duration,
      timezone: seed.timezone,
      agenda: seed.agenda,
      settings: { approval_type: registration ? 0 : 2 },
    });
    for (const r of seed.registrants ?? []) {
      const registrant = record.registrants.register(r, 0, deps.now());
      registrant.status = r.status ?? "approved";
    }
    for (const p of seed.panelists ?? []) {
      record.panelists.push({
        id: randomBytes(16).toString("base64url"),
        ...p,
        fields: {},
        joinKey: randomBytes(18).toString("base64url"),
      });
    }
    if (seed.ended) {
      const start = record.startTime ?? deps.now();
      const end = start + record.duration * 60_000;
      deps.webinars.recordInstance(
        record,
        start,
        end,
        toParticipants(seed.participants ?? [], record.duration),
      );
    }
    return record;
  });
}
