/** Runs the built job as child processes against a simulator seeded with past and future meetings. */
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { baseEnv, type RunningProcess, startProcess } from "@zoomkit/app-support/testing";
import { createZoomClient, type ZoomClient } from "@zoomkit/core";
import { DEFAULT_APP, DEFAULT_USERS, type SeedMeeting, type ZoomSimulator } from "@zoomkit/simulator";

export const CRON_SCRIPT = fileURLToPath(new URL("../../dist/main.js", import.meta.url));
export const HOST = DEFAULT_USERS[0]!.email;
export const SECOND_HOST = DEFAULT_USERS[1]!.email;

export const randomName = (prefix: string) => `${prefix}_${randomBytes(5).toString("hex")}`;

const MINUTE = 60_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString().replace(/\.\d{3}Z$/, "Z");

/** A seeded meeting and whether a sweep with a 60-minute grace must delete it. */
export interface Fixture {
  seed: SeedMeeting;
  expired: boolean;
}

/** Meetings on both sides of every rule: ended long ago, ended inside the grace, ahead, not one-off. */
export function fixtures(): Fixture[] {
  return [
    {
      expired: true,
      seed: { host: HOST, topic: "ended 3 days ago", start_time: at(-72 * 60 * MINUTE), duration: 60 },
    },
    {
      expired: true,
      seed: { host: HOST, topic: "ended yesterday", start_time: at(-26 * 60 * MINUTE), duration: 45 },
    },
    {
      expired: true,
      seed: { host: HOST, topic: "ended 2 h ago", start_time: at(-3 * 60 * MINUTE), duration: 60 },
    },
    {
      expired: false,
      seed: { host: HOST, topic: "ended 15 min ago", start_time: at(-30 * MINUTE), duration: 15 },
    },
    {
      expired: false,
      seed: { host: HOST, topic: "started 10 min ago", start_time: at(-10 * MINUTE), duration: 60 },
    },
    {
      expired: false,
      seed: { host: HOST, topic: "tomorrow", start_time: at(24 * 60 * MINUTE), duration: 30 },
    },
    {
      expired: false,
      seed: { host: HOST, topic: "next week", start_time: at(7 * 24 * 60 * MINUTE), duration: 30 },
    },
    {
      expired: true,
      seed: { host: SECOND_HOST, topic: "other host, last week", start_time: at(-7 * 24 * 60 * MINUTE) },
    },
    {
      expired: false,
      seed: { host: SECOND_HOST, topic: "other host, in an hour", start_time: at(60 * MINUTE) },
    },
  ];
}

/** Seeds `fixtures` into the simulator; returns each meeting's id with its fixture. */
export function seed(sim: ZoomSimulator, list: Fixture[]): { id: number; expired: boolean; topic: string }[] {
  const bodies = sim.control.seedMeetings(list.map((fixture) => fixture.seed));
  return bodies.map((body, index) => ({
    id: Number(body.id),
    expired: list[index]!.expired,
    topic: String(list[index]!.seed.topic),
  }));
}

/** A client of the simulator, to check which meetings still exist. */
export function checker(sim: ZoomSimulator): ZoomClient {
  return createZoomClient({ ...DEFAULT_APP, baseUrl: sim.baseUrl, oauthUrl: sim.oauthUrl });
}

export async function exists(zoom: ZoomClient, id: number): Promise<boolean> {
  const { response } = await zoom.GET("/meetings/{meetingId}", { params: { path: { meetingId: id } } });
  if (response.status !== 200 && response.status !== 404) throw new Error(`unexpected ${response.status}`);
  return response.status === 200;
}

/** The suite's `ZOOMKIT_TOKEN_KEY` (a shared store in real mode needs one). */
export const TOKEN_KEY = randomBytes(32).toString("base64");

/** Real-mode environment pointing at the simulator. */
export function realModeEnv(sim: ZoomSimulator, extra: Record<string, string>): Record<string, string> {
  return baseEnv({
    ZOOMKIT_TOKEN_KEY: TOKEN_KEY,
    ZOOM_ACCOUNT_ID: DEFAULT_APP.accountId,
    ZOOM_CLIENT_ID: DEFAULT_APP.clientId,
    ZOOM_CLIENT_SECRET: DEFAULT_APP.clientSecret,
    ZOOM_API_URL: sim.baseUrl,
    ZOOM_OAUTH_URL: sim.oauthUrl,
    HOSTS: `${HOST},${SECOND_HOST}`,
    GRACE_MINUTES: "60",
    PAGE_SIZE: "2",
    ...extra,
  });
}

export interface Finished {
  code: number | string;
  process: RunningProcess;
  /** The `tick ...` log record's report. */
  tick: Record<string, unknown> & { status: string; summary?: Record<string, number | boolean> };
}

/** Runs `meetings-cron --once` and waits for it to exit. */
export async function runOnce(env: Record<string, string>): Promise<Finished> {
  const proc = startProcess(CRON_SCRIPT, ["--once"], env);
  const code = await proc.exited;
  const record = proc.logs.find((log) => typeof log.msg === "string" && log.msg.startsWith("tick "));
  if (!record) throw new Error(`no tick report (exit ${code}):\n${proc.output()}`);
  return { code, process: proc, tick: record.tick as Finished["tick"] };
}
