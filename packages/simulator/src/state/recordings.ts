/**
 * Cloud recordings: one per held meeting instance that was recorded (a seeded meeting with `recorded`, or
 * one whose `settings.auto_recording` is `cloud` when it ends), with a video, an audio and a transcript
 * file. Deleting with `action=trash` moves the recording or a file to the trash (listed with
 * `trash=true`, recoverable); `action=delete` removes it for good.
 */
import { randomBytes } from "node:crypto";
import { zoomTime } from "../meeting-body.js";
import type { PastInstance } from "./meetings.js";

export interface RecordingFile {
  id: string;
  fileType: "MP4" | "M4A" | "TRANSCRIPT";
  extension: "MP4" | "M4A" | "VTT";
  recordingType: string;
  size: number;
  trashedAt: number | undefined;
}

export interface RecordingSettings {
  share_recording: "publicly" | "internally" | "none";
  recording_authentication: boolean;
  viewer_download: boolean;
  password: string;
  on_demand: boolean;
  approval_type: 0 | 1 | 2;
  send_email_to_host: boolean;
  show_social_share_buttons: boolean;
  topic: string;
  [other: string]: unknown;
}

export interface RecordingRecord {
  /** Position in recording order, for cursors. */
  seq: number;
  instance: PastInstance;
  files: RecordingFile[];
  settings: RecordingSettings;
}

const FILES = [
  {
    fileType: "MP4",
    extension: "MP4",
    recordingType: "shared_screen_with_speaker_view",
    perMinute: 6_000_000,
  },
  { fileType: "M4A", extension: "M4A", recordingType: "audio_only", perMinute: 480_000 },
  { fileType: "TRANSCRIPT", extension: "VTT", recordingType: "audio_transcript", perMinute: 2_000 },
] as const;

export class RecordingStore {
  private readonly byUuid = new Map<string, RecordingRecord>();
  private seq = 0;
  private readonly now: () => number;

  constructor(now: () => number) {
    this.now = now;
  }

  /** Records a held instance in the cloud. */
  record(instance: PastInstance): RecordingRecord {
    const minutes = Math.max(1, Math.round((instance.end - instance.start) / 60_000));
    const record: RecordingRecord = {
      seq: ++this.seq,
      instance,
      files: FILES.map((f) => ({
        id: randomBytes(18).toString("hex"),
        fileType: f.fileType,
        extension: f.extension,
        recordingType: f.recordingType,
        size: f.perMinute * minutes,
        trashedAt: undefined,
      })),
      settings: {
        share_recording: "none",
        recording_authentication: false,
        viewer_download: true,
        password: randomBytes(6).toString("base64url").slice(0, 8),
        on_demand: false,
        approval_type: 2,
        send_email_to_host: true,
        show_social_share_buttons: false,
        topic: instance.meeting.topic,
      },
    };
    this.byUuid.set(instance.uuid, record);
    return record;
  }

  /**
   * A recording by meeting id (its latest recorded instance) or instance uuid, with files in or out of the
   * trash as asked; `undefined` when it has none of those.
   */
  find(accountId: string, idOrUuid: string, trashed = false): RecordingRecord | undefined {
    const numeric = /^\d{1,16}$/.test(idOrUuid);
    let found: RecordingRecord | undefined;
    for (const r of this.byUuid.values()) {
      if (r.instance.meeting.accountId !== accountId) continue;
      if (numeric ? String(r.instance.meeting.id) !== idOrUuid : r.instance.uuid !== idOrUuid) continue;
      if (filesOf(r, trashed).length > 0 && (!found || r.seq > found.seq)) found = r;
    }
    return found;
  }

  /** A host's recordings that started within [from, to] (epoch ms), in recording order. */
  listByHost(
    hostId: string,
    from: number,
    to: number,
    trashed: boolean,
    meetingId?: string,
  ): RecordingRecord[] {
    return [...this.byUuid.values()].filter(
      (r) =>
        r.instance.meeting.host.id === hostId &&
        r.instance.start >= from &&
        r.instance.start <= to &&
        (meetingId === undefined || String(r.instance.meeting.id) === meetingId) &&
        filesOf(r, trashed).length > 0,
    );
  }

  /** Trashes or deletes files (all of them when `fileId` is absent); returns how many it touched. */
  remove(record: RecordingRecord, action: "trash" | "delete", fileId?: string): number {
    const targets = filesOf(record, false).filter((f) => fileId === undefined || f.id === fileId);
    if (action === "trash") for (const f of targets) f.trashedAt = this.now();
    else record.files = record.files.filter((f) => !targets.includes(f));
    if (record.files.length === 0) this.byUuid.delete(record.instance.uuid);
    return targets.length;
  }

  /** Brings trashed files back; returns how many. */
  recover(record: RecordingRecord): number {
    const trashed = filesOf(record, true);
    for (const f of trashed) f.trashedAt = undefined;
    return trashed.length;
  }

  clear(): void {
    this.byUuid.clear();
  }
}

export function filesOf(record: RecordingRecord, trashed: boolean): RecordingFile[] {
  return record.files.filter((f) => (f.trashedAt !== undefined) === trashed);
}

/** A recorded meeting as `GET /users/{userId}/recordings` lists it and `GET .../recordings` answers it. */
export function recordingBody(r: RecordingRecord, trashed: boolean, url: string): Record<string, unknown> {
  const { instance } = r;
  const files = filesOf(r, trashed);
  const minutes = Math.max(0, Math.round((instance.end - instance.start) / 60_000));
  return {
    uuid: instance.uuid,
    id: instance.meeting.id,
    account_id: instance.meeting.accountId,
    host_id: instance.meeting.host.id,
    topic: instance.meeting.topic,
    type: instance.meeting.type,
    start_time: zoomTime(instance.start),
    duration: minutes,
    total_size: files.reduce((sum, f) => sum + f.size, 0),
    recording_count: files.length,
    share_url: `${url}/rec/share/${encodeURIComponent(instance.uuid)}`,
    recording_files: files.map((f) => ({
      id: f.id,
      meeting_id: instance.uuid,
      recording_start: zoomTime(instance.start),
      recording_end: zoomTime(instance.end),
      file_type: f.fileType,
      file_extension: f.extension,
      file_size: f.size,
      play_url: `${url}/rec/play/${f.id}`,
      download_url: `${url}/rec/download/${f.id}`,
      status: "completed",
      recording_type: f.recordingType,
      ...(f.trashedAt === undefined ? {} : { deleted_time: zoomTime(f.trashedAt) }),
    })),
  };
}
