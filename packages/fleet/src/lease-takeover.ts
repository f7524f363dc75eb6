/**
 * The lease holder killed mid-mint, run against a live fleet: every worker makes one burst of calls
 * on a cold cache while the token endpoint is slow; the first process to ask the token endpoint (the
 * lease holder: only it asks) is SIGKILLed while its request is in flight. Shared by the fleet test
 * (which asserts on what happened) and the benchmark (which measures how fast the survivors took over).
 * Moments are the parent's clock (epoch ms), which the workers share (same machine).
 */
import { type Fleet, type FleetOptions, type Received, startFleet } from "./fleet.js";
import type { WorkerReport } from "./protocol.js";

type MintStarted = Extract<Received, { type: "mint-started" }>;

/** Options of `runLeaseHolderKill`. */
export interface LeaseHolderKillOptions {
  /** The fleet; its workers must run in `burst` mode against a token endpoint slower than `killAfterMs`. */
  fleet: FleetOptions;
  /** How long after its mint started the holder is killed. */
  killAfterMs: number;
}

/** What happened. */
export interface LeaseHolderKillRun {
  fleet: Fleet;
  /** Index of the killed process. */
  holder: number;
  killedAt: number;
  /** When the holder's mint started (the parent's receipt). */
  holderMintAt: number;
  /** Mints started by survivors, in order. */
  takeovers: MintStarted[];
  /** The survivors' reports. */
  reports: WorkerReport[];
  /**
   * When the last survivor call ended: the release plus the longest worker's elapsed time (each worker
   * measures from its `go`; IPC and report-writing time are left out).
   */
  lastServedAt: number;
  exit: { code: number | null; signal: NodeJS.Signals | null };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the incident. The caller closes `run.fleet` (also when this throws, the fleet is closed here). */
export async function runLeaseHolderKill(options: LeaseHolderKillOptions): Promise<LeaseHolderKillRun> {
  const fleet = await startFleet(options.fleet);
  try {
    const mintStarts = (): MintStarted[] =>
      fleet.messages.filter((m): m is MintStarted => m.type === "mint-started");
    const goAt = Date.now();
    fleet.go();
    const deadline = Date.now() + 20_000;
    while (mintStarts().length === 0) {
      if (Date.now() > deadline) throw new Error("no process asked the token endpoint within 20 s");
      await sleep(5);
    }
    const first = mintStarts()[0]!;
    const holder = first.index;
    await sleep(Math.max(0, first.receivedAt + options.killAfterMs - Date.now()));
    const killedAt = fleet.kill(holder, "SIGKILL");
    const reports = await fleet.reports();
    const exit = await fleet.workers[holder]!.exited;
    const lastServedAt = goAt + Math.max(...reports.map((r) => r.elapsedMs));
    return {
      fleet,
      holder,
      killedAt,
      holderMintAt: first.receivedAt,
      takeovers: mintStarts().filter((m) => m.index !== holder),
      reports,
      lastServedAt,
      exit,
    };
  } catch (error) {
    await fleet.close();
    throw error;
  }
}
