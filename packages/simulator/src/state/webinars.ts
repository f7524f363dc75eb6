/**
 * Webinars, their registrants and panelists, and their held instances (past webinars with participants).
 * Ids are random 11-digit integers and uuids base64 of 16 bytes, as for meetings.
 */
import { randomBytes, randomInt } from "node:crypto";
import { parseStartTime } from "../time.js";
import type { Participant } from "./meetings.js";
import { RegistrantBook } from "./registrants.js";
import type { UserRecord } from "./users.js";

export interface Panelist {
  id: string;
  name: string;
  email: string;
  fields: Record<string, unknown>;
  joinKey: string;
}

export interface WebinarRecord {
  id: number;
  uuid: string;
  seq: number;
  accountId: string;
  host: UserRecord;
  topic: string;
  type: 5 | 6 | 9;
  /** Epoch ms; absent for recurring webinars without a fixed time (type 6). */
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
  panelists: Panelist[];
}

export interface PastWebinar {
  uuid: string;
  webinar: WebinarRecord;
  start: number;
  end: number;
  participants: Participant[];
}

export interface WebinarInput {
  topic?: string;
  type?: 5 | 6 | 9;
  start_time?: string;
  duration?: number;
  timezone?: string;
  agenda?: string;
  password?: string;
  settings?: Record<string, unknown>;
  [other: string]: unknown;
}

const ECHOED_KEYS = ["recurrence", "tracking_fields", "is_simulive", "record_file_id"] as const;

export class WebinarStore {
  private readonly webinars = new Map<number, WebinarRecord>();
  private readonly past = new Map<number, PastWebinar[]>();
  private readonly pastByUuid = new Map<string, PastWebinar>();
  private seq = 0;
  private readonly now: () => number;

  constructor(now: () => number) {
    this.now = now;
  }

  create(accountId: string, host: UserRecord, input: WebinarInput): WebinarRecord {
    const now = this.now();
    const type = input.type ?? 5;
    const timezone = input.timezone ?? host.timezone;
    const record: WebinarRecord = {
      id: this.newId(),
      uuid: randomBytes(16).toString("base64"),
      seq: ++this.seq,
      accountId,
      host,
      topic: input.topic ?? "Zoom Webinar",
      type,
      startTime: type === 6 ? undefined : input.start_time ? parseStartTime(input.start_time, timezone) : now,
      duration: input.duration ?? 60,
      timezone,
      agenda: input.agenda ?? "",
      password: input.password ?? randomBytes(6).toString("base64url").slice(0, 6),
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
      panelists: [],
    };
    this.webinars.set(record.id, record);
    return record;
  }

  update(record: WebinarRecord, input: WebinarInput): void {
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

  get(accountId: string, id: string): WebinarRecord | undefined {
    if (!/^\d{1,16}$/.test(id)) return undefined;
    const record = this.webinars.get(Number(id));
    return record && record.accountId === accountId && !record.deleted ? record : undefined;
  }

  listByHost(host: UserRecord, filter: (w: WebinarRecord) => boolean): WebinarRecord[] {
    return [...this.webinars.values()].filter((w) => w.host === host && !w.deleted && filter(w));
  }

  start(record: WebinarRecord, participants: Participant[]): void {
    record.status = "started";
    record.startedAt = this.now();
    record.liveUuid = this.nextUuid(record);
    record.liveParticipants = participants;
  }

  /** Ends a started webinar and records the held instance; one that is not running is left alone. */
  end(record: WebinarRecord): PastWebinar | undefined {
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
    record: WebinarRecord,
    start: number,
    end: number,
    participants: Participant[],
    uuid = this.nextUuid(record),
  ): PastWebinar {
    const instance: PastWebinar = { uuid, webinar: record, start, end, participants };
    this.past.set(record.id, [...(this.past.get(record.id) ?? []), instance]);
    this.pastByUuid.set(uuid, instance);
    return instance;
  }

  /** Every held instance of a webinar, by id (past webinars outlive deletion). */
  instances(accountId: string, id: string): PastWebinar[] | undefined {
    if (!/^\d{1,16}$/.test(id)) return undefined;
    const list = this.past.get(Number(id));
    return list && list[0]!.webinar.accountId === accountId ? list : undefined;
  }

  /** The latest held instance, by webinar id or instance uuid. */
  pastInstance(accountId: string, idOrUuid: string): PastWebinar | undefined {
    const instance = /^\d{1,16}$/.test(idOrUuid)
      ? this.past.get(Number(idOrUuid))?.at(-1)
      : this.pastByUuid.get(idOrUuid);
    return instance && instance.webinar.accountId === accountId ? instance : undefined;
  }

  clear(): void {
    this.webinars.clear();
    this.past.clear();
    this.pastByUuid.clear();
  }

  /** An instance's uuid: the first one has the webinar's own uuid, every later one a new one (as on Zoom). */
  private nextUuid(record: WebinarRecord): string {
    return this.past.has(record.id) ? randomBytes(16).toString("base64") : record.uuid;
  }

  private newId(): number {
    for (;;) {
      const id = randomInt(10_000_000_000, 99_999_999_999);
      if (!this.webinars.has(id)) return id;
    }
  }
}

function pickExtra(input: WebinarInput): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const key of ECHOED_KEYS) if (input[key] !== undefined) extra[key] = input[key];
  return extra;
}

function defaultSettings(): Record<string, unknown> {
  return {
    host_video: false,
    panelists_video: false,
    practice_session: false,
    hd_video: false,
    approval_type: 2,
    registration_type: 1,
    audio: "both",
    auto_recording: "none",
    alternative_hosts: "",
    close_registration: false,
    show_share_button: true,
    allow_multiple_devices: true,
    on_demand: false,
    registrants_email_notification: true,
    post_webinar_survey: false,
    meeting_authentication: false,
    question_and_answer: { enable: true, allow_anonymous_questions: true, answer_questions: "all" },
  };
}
