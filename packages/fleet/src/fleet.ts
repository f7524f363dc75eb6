/**
 * The parent side: forks N workers (real OS processes, `dist/worker.js`), hands each its config,
 * waits until every one is connected to its store, then releases them together, so a cold start
 * really is N processes racing for the first token. Every message is kept with the parent's receipt
 * time, and everything a worker writes to stdout or stderr is kept, so tests can check it for secrets.
 */
import { type ChildProcess, fork } from "node:child_process";
import { setPriority } from "node:os";
import type { ParentMessage, WorkerConfig, WorkerMessage, WorkerReport } from "./protocol.js";

/** Resolved from `src/` (vitest) and from `dist/` alike: both sit one level under the package root. */
const WORKER = new URL("../dist/worker.js", import.meta.url);

/** A message and when the parent received it (epoch ms). */
export type Received = WorkerMessage & { receivedAt: number };

/** One worker process as the parent sees it. */
export interface FleetWorker {
  readonly index: number;
  readonly child: ChildProcess;
  readonly pid: number;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  report: WorkerReport | undefined;
  /** Everything the process wrote to stdout and stderr. */
  output: string;
}

/** Options of `startFleet`. */
export interface FleetOptions {
  processes: number;
  /** The config of worker `index`. */
  config: (index: number) => WorkerConfig;
  /** How long to wait for every worker to be ready. @default 30_000 */
  readyTimeoutMs?: number;
  /** Called on every message, as it arrives. */
  onMessage?: (message: Received) => void;
  /**
   * The module worker `index` runs. @default this package's `dist/worker.js` (a rolling-deploy test
   * runs some workers from a previous release's build; they speak the same protocol).
   */
  worker?: (index: number) => string | URL;
  /** Environment of every worker, over this process's (e.g. the proxy and CA the rivet client needs). */
  env?: NodeJS.ProcessEnv;
  /**
   * Nice value of every worker (0 to 19, higher yields the CPU sooner). The saturation benchmark runs
   * its workers at 10 so the simulator in this process is not starved by the scheduler's fair share
   * (one process against 16 busy workers): real Zoom does not share the clients' cores. @default 0
   */
  nice?: number;
}

/** A running fleet: release it, stop it, kill one of it, ask it, collect its reports. */
export interface Fleet {
  readonly workers: readonly FleetWorker[];
  /** Every message received so far, in order. */
  readonly messages: readonly Received[];
  /** Releases every worker at once. */
  go(): void;
  /** Tells the workers still running to finish their calls and report. */
  stop(): void;
  /** Sends `signal` to worker `index`; returns the moment it was sent (epoch ms). */
  kill(index: number, signal?: NodeJS.Signals): number;
  /** Asks each running worker for its state; resolves the answers. */
  probe(timeoutMs?: number): Promise<Extract<Received, { type: "state" }>[]>;
  /** Waits for every worker not killed to report and exit; throws if one exits without a report. */
  reports(timeoutMs?: number): Promise<WorkerReport[]>;
  /** Kills whatever still runs. */
  close(): Promise<void>;
}

/**
 * Forks `processes` workers and resolves once every one is connected to its store and waiting for `go`.
 *
 * @example
 * const fleet = await startFleet({ processes: 16, config: (index) => ({ index, client: "zoomkit", ... }) });
 * fleet.go();
 * const summary = summarize(await fleet.reports());
 */
export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const messages: Received[] = [];
  const killed = new Set<number>();
  const listeners = new Set<(message: Received) => void>();
  const workers: FleetWorker[] = [];
  for (let index = 0; index < options.processes; index++) {
    const child = fork(options.worker?.(index) ?? WORKER, [], {
      execArgv: [],
      ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    if (options.nice !== undefined && child.pid !== undefined) setPriority(child.pid, options.nice);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.once("exit", (code, signal) => resolve({ code, signal }));
    });
    const worker: FleetWorker = { index, child, pid: child.pid ?? 0, exited, report: undefined, output: "" };
    const keep = (chunk: Buffer): void => {
      worker.output += chunk.toString("utf8");
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    child.on("message", (raw: WorkerMessage) => {
      const message: Received = { ...raw, receivedAt: Date.now() };
      if (message.type === "report") worker.report = message.report;
      messages.push(message);
      options.onMessage?.(message);
      for (const listener of listeners) listener(message);
    });
    // A worker that dies early closes its channel; sending to it then must not throw in the parent.
    child.on("error", () => {});
    workers.push(worker);
  }
  const send = (worker: FleetWorker, message: ParentMessage): void => {
    if (worker.child.connected) worker.child.send(message);
  };
  const fleet: Fleet = {
    workers,
    messages,
    go: () => {
      for (const w of workers) send(w, { type: "go" });
    },
    stop: () => {
      for (const w of workers) send(w, { type: "stop" });
    },
    kill: (index, signal = "SIGKILL") => {
      killed.add(index);
      workers[index]?.child.kill(signal);
      return Date.now();
    },
    probe: (timeoutMs = 5_000) => {
      const running = workers.filter((w) => !killed.has(w.index) && w.child.exitCode === null);
      return new Promise((resolve, reject) => {
        const answers = new Map<number, Extract<Received, { type: "state" }>>();
        const timer = setTimeout(() => {
          listeners.delete(listener);
          reject(new Error(`probe: ${running.length - answers.size} workers did not answer`));
        }, timeoutMs);
        const listener = (message: Received): void => {
          if (message.type !== "state") return;
          answers.set(message.index, message);
          if (answers.size < running.length) return;
          clearTimeout(timer);
          listeners.delete(listener);
          resolve([...answers.values()].sort((a, b) => a.index - b.index));
        };
        listeners.add(listener);
        for (const w of running) send(w, { type: "probe" });
      });
    },
    reports: async (timeoutMs = 60_000) => {
      const alive = workers.filter((w) => !killed.has(w.index));
      const timeout = new Promise<"timeout">((resolve) =>
        setTimeout(() => resolve("timeout"), timeoutMs).unref(),
      );
      const done = await Promise.race([Promise.all(alive.map((w) => w.exited)), timeout]);
      if (done === "timeout") throw new Error(`workers did not finish within ${timeoutMs} ms`);
      const missing = alive.filter((w) => !w.report);
      if (missing.length > 0) {
        const detail = missing.map((w) => `worker ${w.index}: ${describeEnd(w, messages)}`).join("\n");
        throw new Error(`${missing.length} workers exited without a report:\n${detail}`);
      }
      return alive.map((w) => w.report!);
    },
    close: async () => {
      for (const w of workers)
        if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
      await Promise.all(workers.map((w) => w.exited));
    },
  };

  try {
    await waitForReady(fleet, options, listeners);
  } catch (error) {
    await fleet.close();
    throw error;
  }
  return fleet;
}

async function waitForReady(
  fleet: Fleet,
  options: FleetOptions,
  listeners: Set<(message: Received) => void>,
): Promise<void> {
  const ready = new Set<number>();
  const timeoutMs = options.readyTimeoutMs ?? 30_000;
  await new Promise<void>((resolve, reject) => {
    const fail = (reason: string): void => {
      clearTimeout(timer);
      listeners.delete(listener);
      reject(new Error(reason));
    };
    const timer = setTimeout(
      () => fail(`only ${ready.size} of ${options.processes} workers ready in ${timeoutMs} ms`),
      timeoutMs,
    );
    const listener = (message: Received): void => {
      if (message.type === "fatal") fail(`worker ${message.index} could not start: ${message.message}`);
      if (message.type !== "ready") return;
      ready.add(message.index);
      if (ready.size < options.processes) return;
      clearTimeout(timer);
      listeners.delete(listener);
      resolve();
    };
    listeners.add(listener);
    for (const w of fleet.workers) {
      void w.exited.then(() => {
        if (!ready.has(w.index))
          fail(`worker ${w.index} exited before it was ready: ${w.output.slice(-2_000)}`);
      });
      w.child.send({ type: "config", config: options.config(w.index) } satisfies ParentMessage);
    }
  });
}

function describeEnd(worker: FleetWorker, messages: readonly Received[]): string {
  const fatal = messages.find((m) => m.type === "fatal" && m.index === worker.index);
  const status = `exit ${worker.child.exitCode ?? worker.child.signalCode}`;
  return `${status}${fatal?.type === "fatal" ? `, ${fatal.message}` : ""}${worker.output ? `; output: ${worker.output.slice(-1_000)}` : ""}`;
}
