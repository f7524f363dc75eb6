/** The simulator every fleet test calls, in the test's own process, and the config of its workers. */
import { randomBytes } from "node:crypto";
import {
  DEFAULT_APP,
  DEFAULT_USERS,
  type SimulatorOptions,
  startZoomSimulator,
  type ZoomSimulator,
} from "@zoomkit/simulator";
import type { EngineTuning, Received, StoreConfig, WorkerConfig } from "../../src/index.js";

export type { ZoomSimulator };

export function startSimulator(options: SimulatorOptions = {}): Promise<ZoomSimulator> {
  return startZoomSimulator({ ...options });
}

/** Successful mints of the default app. */
export function mints(sim: ZoomSimulator): number {
  return sim.stats().mints[DEFAULT_APP.clientId] ?? 0;
}

/** API calls the simulator refused for want of a usable token, whatever the cause. */
export function unauthorized(sim: ZoomSimulator): number {
  return Object.values(sim.stats().unauthorized).reduce((a, b) => a + b, 0);
}

/** A key prefix no other test uses, so tests sharing a namespace or schema never meet. */
export function uniquePrefix(): string {
  return `fleet-${randomBytes(4).toString("hex")}:`;
}

export interface WorkerOptions {
  sim: ZoomSimulator;
  store: StoreConfig;
  concurrency: number;
  mode: "burst" | "load";
  engine?: EngineTuning;
  pauseMs?: number;
}

/** Worker config for the default simulated app. */
export function workerConfig(index: number, options: WorkerOptions): WorkerConfig {
  return {
    index,
    client: "zoomkit",
    store: options.store,
    zoom: {
      oauthUrl: options.sim.oauthUrl,
      baseUrl: options.sim.baseUrl,
      accountId: DEFAULT_APP.accountId,
      clientId: DEFAULT_APP.clientId,
      clientSecret: DEFAULT_APP.clientSecret,
      userId: DEFAULT_USERS[0]?.email ?? "host@example.com",
    },
    concurrency: options.concurrency,
    mode: options.mode,
    ...(options.engine ? { engine: options.engine } : {}),
    ...(options.pauseMs !== undefined ? { pauseMs: options.pauseMs } : {}),
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `check` is true, polling every `everyMs`; false when `timeoutMs` passed first. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  everyMs = 100,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
}

/** Mints and hook events as lines `+ms worker event details`, for assertion messages. */
export function timeline(messages: readonly Received[], since: number): string {
  const lines = messages.flatMap((m) => {
    if (m.type === "mint-started") return [`+${m.receivedAt - since} w${m.index} mint started`];
    if (m.type !== "hook") return [];
    const { reason, fingerprint, degraded, error } = m.event.payload as Record<string, unknown>;
    const detail = [reason, fingerprint, degraded, (error as { code?: string } | undefined)?.code]
      .filter((x) => x !== undefined)
      .join(" ");
    return [`+${m.receivedAt - since} w${m.index} ${m.event.name} ${detail}`];
  });
  return `timeline:\n${lines.slice(0, 60).join("\n")}`;
}
