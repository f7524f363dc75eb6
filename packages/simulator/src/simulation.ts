/**
 * The simulator's state and the route-chain pieces every route shares. One instance per server; the
 * control surface (JS and HTTP) and the routes all act on it.
 */
import { randomBytes, randomInt } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { every } from "hono/combine";
import { apiGuard } from "./api-guard.js";
import { DEFAULT_APP, DEFAULT_MAX_BODY_BYTES, DEFAULT_USERS } from "./defaults.js";
import { faultMiddleware } from "./faults.js";
import { type SimContext, type SimEnv, zoomError } from "./http.js";
import { zoomTime } from "./meeting-body.js";
import { type OperationId, operationInfo } from "./operations.js";
import type { SimulatorOptions } from "./options.js";
import { RateLimiter } from "./rate-limit.js";
import { createRng } from "./rng.js";
import { plantWebinars, type SeedWebinar } from "./seed-webinars.js";
import { type SeedMeeting, type SeedParticipant, toParticipants } from "./seeds.js";
import { CursorStore } from "./state/cursors.js";
import { type MeetingRecord, MeetingStore, type PastInstance } from "./state/meetings.js";
import { type RecordingRecord, RecordingStore } from "./state/recordings.js";
import { Counters } from "./state/stats.js";
import { TokenRegistry } from "./state/token-registry.js";
import { UserDirectory } from "./state/users.js";
import { type WebinarRecord, WebinarStore } from "./state/webinars.js";
import { initialSwitches, type SimulatorSwitches, setSwitches } from "./switches.js";
import { endedPayload, recordingCompletedPayload, startedPayload } from "./webhook-events.js";
import { Webhooks } from "./webhooks.js";

export class Simulation {
  switches: SimulatorSwitches;
  readonly counters = new Counters();
  /** Replaced on `reset()`, so always read it through the simulation. */
  registry: TokenRegistry;
  readonly users: UserDirectory;
  readonly meetings: MeetingStore;
  readonly recordings: RecordingStore;
  readonly webinars: WebinarStore;
  readonly cursors: CursorStore;
  readonly limiter = new RateLimiter();
  readonly webhooks: Webhooks;
  readonly now: () => number;
  readonly seed: number;
  readonly maxBodyBytes: number;
  random: () => number;
  /** The server's own URL, known once it listens. */
  url = "";
  readonly options: SimulatorOptions;
  private readonly configuredApiUrl: string | undefined;

  constructor(options: SimulatorOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.switches = initialSwitches(options);
    this.registry = this.newRegistry();
    this.users = new UserDirectory(options.users ?? DEFAULT_USERS, zoomTime(this.now()));
    this.meetings = new MeetingStore(this.now);
    this.recordings = new RecordingStore(this.now);
    this.webinars = new WebinarStore(this.now);
    this.cursors = new CursorStore(this.now);
    this.seed = options.seed ?? randomInt(2 ** 31);
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.random = createRng(this.seed);
    this.configuredApiUrl = options.apiUrl;
    this.webhooks = new Webhooks({
      target: () => this.switches.webhook,
      counters: this.counters,
      now: this.now,
    });
  }

  get apiUrl(): string {
    return this.configuredApiUrl ?? this.url;
  }

  /** Merges a run-time patch into the switches (incidents react to the change); throws a `TypeError` naming each invalid field. */
  set(patch: unknown): void {
    setSwitches(this.switches, patch, { registry: this.registry, now: this.now() });
  }

  /** Resets switches, apps (secrets), tokens, meetings, limits and counters to the start options. */
  reset(): void {
    this.switches = initialSwitches(this.options);
    this.registry = this.newRegistry();
    this.users.reset();
    this.meetings.clear();
    this.recordings.clear();
    this.webinars.clear();
    this.cursors.clear();
    this.limiter.clear();
    this.counters.reset();
    this.random = createRng(this.seed);
    this.seedMeetings(this.options.meetings ?? []);
    this.seedWebinars(this.options.webinars ?? []);
  }

  /** Puts webinars in place (registrants, panelists; ended ones get a held instance). */
  seedWebinars(seeds: SeedWebinar[]): WebinarRecord[] {
    return plantWebinars(
      {
        users: this.users,
        webinars: this.webinars,
        now: this.now,
        defaultAccountId: () => this.firstAccountId(),
      },
      seeds,
    );
  }

  /** Starts a webinar as if its host joined (`webinar.started`); participants are recorded when it ends. */
  startWebinar(record: WebinarRecord, seeds: SeedParticipant[]): void {
    this.webinars.start(record, toParticipants(seeds, record.duration));
    this.webhooks.emit("webinar.started", startedPayload(record));
  }

  /** Ends a started webinar, recording the held instance (`webinar.ended`); one not running is left alone. */
  endWebinar(record: WebinarRecord): void {
    const instance = this.webinars.end(record);
    if (instance) this.webhooks.emit("webinar.ended", endedPayload(instance));
  }

  /** Puts meetings in place directly; ended ones get a held instance at start_time + duration. */
  seedMeetings(seeds: SeedMeeting[]): MeetingRecord[] {
    return seeds.map((seed) => {
      const host = this.users.findAnywhere(seed.host);
      if (!host) throw new TypeError(`Cannot seed a meeting for unknown user ${seed.host}`);
      const accountId = host.accountId ?? this.firstAccountId();
      const record = this.meetings.create(accountId, host, {
        topic: seed.topic,
        type: seed.type,
        start_time: seed.start_time,
        duration: seed.duration,
        timezone: seed.timezone,
        agenda: seed.agenda,
      });
      if (seed.ended) {
        const start = record.startTime ?? this.now();
        const end = start + record.duration * 60_000;
        const instance = this.meetings.recordInstance(
          record,
          start,
          end,
          toParticipants(seed.participants ?? [], record.duration),
        );
        this.held(instance, seed.recorded);
      }
      return record;
    });
  }

  /** Starts a meeting as if the host joined (`meeting.started`; participants are recorded when it ends). */
  startMeeting(record: MeetingRecord, seeds: SeedParticipant[]): void {
    this.meetings.start(record, toParticipants(seeds, record.duration));
    this.webhooks.emit("meeting.started", startedPayload(record));
  }

  /**
   * Ends a started meeting (see `MeetingStore.end`) and files what its end produces: `meeting.ended`, and
   * with a cloud recording `recording.completed` (at once: on Zoom it follows once the files are processed).
   */
  endMeeting(record: MeetingRecord): void {
    const instance = this.meetings.end(record);
    if (!instance) return;
    this.webhooks.emit("meeting.ended", endedPayload(instance));
    const recording = this.held(instance);
    if (recording) {
      this.webhooks.emit("recording.completed", recordingCompletedPayload(recording, this.url), {
        download_token: randomBytes(32).toString("base64url"),
      });
    }
  }

  /** A held instance is recorded in the cloud when asked, or when the meeting's auto_recording is `cloud`. */
  private held(instance: PastInstance, recorded?: boolean): RecordingRecord | undefined {
    if (!(recorded ?? instance.meeting.settings.auto_recording === "cloud")) return undefined;
    return this.recordings.record(instance);
  }

  operation(id: string): MiddlewareHandler<SimEnv> {
    return async (c, next) => {
      c.set("operation", id);
      await next();
    };
  }

  faults(surface: "token" | "api"): MiddlewareHandler<SimEnv> {
    return faultMiddleware({
      faults: () => this.switches[surface],
      counters: this.counters,
      random: () => this.random(),
      surface,
    });
  }

  /**
   * The chain in front of every API handler: operation id, faults, token, scope, per-second limit. The
   * category and scopes are the document's for that operation id.
   */
  api(id: OperationId): MiddlewareHandler<SimEnv> {
    return every(this.operation(id), this.faults("api"), apiGuard(this, operationInfo(id)));
  }

  methodNotAllowed(c: SimContext, allow: string): Response {
    c.header("allow", allow);
    return zoomError(c, 405, 405, `Method ${c.req.method} is not allowed on ${new URL(c.req.url).pathname}.`);
  }

  private newRegistry(): TokenRegistry {
    const apps = this.options.apps ?? [DEFAULT_APP];
    if (apps.length === 0) throw new TypeError("The simulator needs at least one app.");
    return new TokenRegistry(apps, this.now);
  }

  private firstAccountId(): string {
    return this.registry.apps.values().next().value?.accountId ?? DEFAULT_APP.accountId;
  }
}
