/**
 * Meetings and their held instances (past meetings). Ids are random 11-digit integers
 * (over 10 digits as on Zoom, far below 2^53); uuids are base64 of 16 random bytes, Zoom's shape.
 */
import { randomBytes, randomInt } from "node:crypto";
import { parseStartTime } from "../time.js";
import { PollBook, type PollResult } from "./polls.js";
import { RegistrantBook } from "./registrants.js";
import type { UserRecord } from "./users.js";

export interface Participant {
  id: string;
  name: string;
  user_email: string;
  /** Minutes attended. */
  duration: number;
}

export interface MeetingRecord {
  id: number;
  uuid: string;
  /** Insertion order; cursors page on it so deleting while paging skips nothing. */
  seq: number;
  accountId: string;
  host: UserRecord;
  topic: string;
  type: 1 | 2 | 3 | 8;
  /** Epoch ms; absent for recurring meetings without a fixed time (type 3). */
  startTime: number | undefined;
  duration: number;
  timezone: string;
  agenda: string;
  password: string;
  createdAt: number;
  settings: Record<string, unknown>;
  extra: Record<string, unknown>;
  status: "waiting" | "started";
  startedAt: number | undefined;
  /** The running instance's uuid, from start to end (the `*.started` event and the past instance share it). */
  liveUuid: string | undefined;
  liveParticipants: Participant[];
  deleted: boolean;
  startKey: string;
  registrants: RegistrantBook;
  /** `PATCH /meetings/{meetingId}/registrants/questions` replaces them. */
  registrationQuestions: { questions: unknown[]; custom_questions: unknown[] };
  polls: PollBook;
}

export interface PastInstance {
  uuid: string;
  meeting: MeetingRecord;
  start: number;
  end: number;
  participants: Participant[];
  /** Answers to the meeting's polls in this instance (see state/polls.ts). */
  pollResults: PollResult[];
}

/** Fields a create or update may set. */
export interface MeetingInput {
  topic?: string;
  type?: 1 | 2 | 3 | 8;
  start_time?: string;
  duration?: number;
  timezone?: string;
  agenda?: string;
  password?: string;
  settings?: Record<string, unknown>;
  [other: string]: unknown;
}

/** Request fields Zoom echoes back as they were sent; the rest are request-only (`schedule_for`, ...). */
const ECHOED_KEYS = ["recurrence", "tracking_fields", "pre_schedule"] as const;

export class MeetingStore {
  private readonly meetings = new Map<number, MeetingRecord>();
  private readonly past = new Map<number, PastInstance[]>();
  private readonly pastByUuid = new Map<string, PastInstance>();
  private seq = 0;
  private readonly now: () => number;

  constructor(now: () => number) {
    this.now = now;
  }

  create(accountId: string, host: UserRecord, input: MeetingInput): MeetingRecord {
    const now = this.now();
    const type = input.type ?? 2;
    const timezone = input.timezone ?? host.timezone;
    const record: MeetingRecord = {
      id: this.newId(),
      uuid: randomBytes(16).toString("base64"),
      seq: ++this.seq,
      accountId,
      host,
      topic: input.topic ?? "Zoom Meeting",
      type,
      startTime: type === 3 ? undefined : input.start_time ? parseStartTime(input.start_time, timezone) : now,
      duration: input.duration ?? 60,
      timezone,
      agenda: input.agenda ?? "",
      password: input.password ?? randomPassword(),
      createdAt: now,
      settings: { ...defaultSettings(), ...(input.settings ?? {}) },
      extra: pickExtra(input),
      status: "waiting",
      startedAt: undefined,
      liveUuid: undefined,
      liveParticipants: [],
      deleted: false,
      startKey: randomBytes(24).toString("base64url"),
      registrants: new RegistrantBook(),
      registrationQuestions: { questions: [], custom_questions: [] },
      polls: new PollBook(),
    };
    this.meetings.set(record.id, record);
    return record;
  }

  update(record: MeetingRecord, input: MeetingInput): void {
    if (input.topic !== undefined) record.topic = input.topic;
    if (input.type !== undefined) record.type = input.type;
    if (input.timezone !== undefined) record.timezone = input.timezone;
    if (input.start_time !== undefined) record.startTime = parseStartTime(input.start_time, record.timezone);
    if (input.duration !== undefined) record.duration = input.duration;
    if (input.agenda !== undefined) record.agenda = input.agenda;
    if (input.password !== undefined) record.password = input.password;
    if (input.settings) record.settings = { ...record.settings, ...input.settings };
    Object.assign(record.extra, pickExtra(input));
  }

  /** A meeting the account can see; deleted ones only when asked (`recover`). */
  get(accountId: string, id: string, includeDeleted = false): MeetingRecord | undefined {
    if (!/^\d{1,16}$/.test(id)) return undefined;
    const record = this.meetings.get(Number(id));
    if (!record || record.accountId !== accountId || (record.deleted && !includeDeleted)) return undefined;
    return record;
  }

  listByHost(host: UserRecord, filter: (m: MeetingRecord) => boolean): MeetingRecord[] {
    const out: MeetingRecord[] = [];
    for (const m of this.meetings.values()) if (m.host === host && !m.deleted && filter(m)) out.push(m);
    return out;
  }

  /** Starts a meeting as if its host had joined; participants are recorded when it ends. */
  start(record: MeetingRecord, participants: Participant[]): void {
    record.status = "started";
    record.startedAt = this.now();
    record.liveUuid = this.nextUuid(record);
    record.liveParticipants = participants;
  }

  /** Ends a started meeting and records the held instance; a meeting that is not running is left alone. */
  end(record: MeetingRecord): PastInstance | undefined {
    if (record.status !== "started" || record.startedAt === undefined) return undefined;
    const instance = this.recordInstance(
      record,
      record.startedAt,
      this.now(),
      record.liveParticipants,
      record.liveUuid,
    );
    record.status = "waiting";
    record.startedAt = undefined;
    record.liveUuid = undefined;
    record.liveParticipants = [];
    return instance;
  }

  recordInstance(
    record: MeetingRecord,
    start: number,
    end: number,
    participants: Participant[],
    uuid = this.nextUuid(record),
  ): PastInstance {
    const pollResults = record.polls.results(participants, end);
    const instance: PastInstance = { uuid, meeting: record, start, end, participants, pollResults };
    this.past.set(record.id, [...(this.past.get(record.id) ?? []), instance]);
    this.pastByUuid.set(uuid, instance);
    return instance;
  }

  /** The latest held instance, by meeting id or instance uuid. Past meetings outlive deletion. */
  pastInstance(accountId: string, idOrUuid: string): PastInstance | undefined {
    const instance = /^\d{1,16}$/.test(idOrUuid)
      ? this.past.get(Number(idOrUuid))?.at(-1)
      : this.pastByUuid.get(idOrUuid);
    return instance && instance.meeting.accountId === accountId ? instance : undefined;
  }

  /** Every held instance of a host's meetings, deleted ones included, in the order they ended. */
  heldBy(host: UserRecord): PastInstance[] {
    return [...this.pastByUuid.values()].filter((p) => p.meeting.host === host);
  }

  /** Every held instance of a meeting, by id; `undefined` for a meeting the account never had. */
  instances(accountId: string, id: string): PastInstance[] | undefined {
    if (!/^\d{1,16}$/.test(id)) return undefined;
    const record = this.meetings.get(Number(id));
    if (!record || record.accountId !== accountId) return undefined;
    return this.past.get(record.id) ?? [];
  }

  clear(): void {
    this.meetings.clear();
    this.past.clear();
    this.pastByUuid.clear();
  }

  /** An instance's uuid: the first one has the meeting's own uuid, every later one a new one (as on Zoom). */
  private nextUuid(record: MeetingRecord): string {
    return this.past.has(record.id) ? randomBytes(16).toString("base64") : record.uuid;
  }

  private newId(): number {
    for (;;) {
      const id = randomInt(10_000_000_000, 99_999_999_999);
      if (!this.meetings.has(id)) return id;
    }
  }
}

function pickExtra(input: MeetingInput): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const key of ECHOED_KEYS) if (input[key] !== undefined) extra[key] = input[key];
  return extra;
}

function randomPassword(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
  return Array.from({ length: 6 }, () => alphabet[randomInt(alphabet.length)]).join("");
}

function defaultSettings(): Record<string, unknown> {
  return {
    host_video: false,
    participant_video: false,
    join_before_host: false,
    jbh_time: 0,
    mute_upon_entry: false,
    watermark: false,
    use_pmi: false,
    approval_type: 2,
    audio: "voip",
    auto_recording: "none",
    waiting_room: false,
    meeting_authentication: false,
    email_notification: true,
    registrants_email_notification: true,
    private_meeting: false,
    show_share_button: false,
    allow_multiple_devices: false,
    alternative_hosts: "",
  };
}
