/**
 * A token-endpoint outage while the fleet's token still lives, run against a live fleet: warm up on
 * one token, make the token endpoint answer 503 to everything, wait for the fleet's first refresh
 * attempt (the token entered its refresh window), keep the outage for `outageMs` from that moment, end
 * it, and wait until the fleet holds a new token. Shared by the fleet test (which asserts) and the
 * benchmark (which reports the figures). Attempts are counted by the simulator (its injected errors).
 */
import type { ZoomSimulator } from "@zoomkit/simulator";
import { type Fleet, type FleetOptions, type Received, startFleet } from "./fleet.js";
import type { WorkerReport } from "./protocol.js";

/** Options of `runTokenOutage`. */
export interface TokenOutageOptions {
  sim: ZoomSimulator;
  /** The simulated app's client id (mints are counted for it). */
  clientId: string;
  /** The fleet; its workers must run in `load` mode. */
  fleet: FleetOptions;
  /** Successful API calls (whole fleet) before the outage. */
  warmUpCalls: number;
  /** How long the outage lasts after the fleet's first failed attempt. */
  outageMs: number;
  /** Status the token endpoint answers with. @default 503 */
  status?: number;
  /** How long to wait for the first attempt (the token's refresh window). @default 60_000 */
  firstAttemptTimeoutMs?: number;
  /** How long to wait for a new token after the outage. @default 30_000 */
  recoveryTimeoutMs?: number;
}

/** What happened, in the parent's clock (epoch ms). */
export interface TokenOutageRun {
  fleet: Fleet;
  reports: WorkerReport[];
  messages: readonly Received[];
  outageOnAt: number;
  firstAttemptAt: number;
  outageOffAt: number;
  /** Requests the token endpoint refused during the outage (every one of them a mint attempt). */
  attempts: number;
  /** Successful mints: warm-up, during the outage (none expected), after it. */
  mints: { warmUp: number; during: number; after: number };
  /** When the first successful mint after the outage was seen (`undefined`: not within the timeout). */
  recoveredAt: number | undefined;
  /** When every process was seen holding one token (or the 10 s wait for it ended). */
  convergedAt: number;
  /** Every worker's state at the end. */
  finalStates: Extract<Received, { type: "state" }>[];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs: number, everyMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
}

/** Runs the outage. The caller closes `run.fleet` (also when this throws, the fleet is closed here). */
export async function runTokenOutage(options: TokenOutageOptions): Promise<TokenOutageRun> {
  const { sim, clientId } = options;
  const mints = (): number => sim.stats().mints[clientId] ?? 0;
  const refused = (): number => sim.stats().faults.token.errors;
  const userOk = (): number => sim.stats().calls.user?.["200"] ?? 0;
  const fleet = await startFleet(options.fleet);
  try {
    fleet.go();
    if (!(await until(() => userOk() >= options.warmUpCalls, 30_000, 20)))
      throw new Error(`warm-up: only ${userOk()} calls answered 200 in 30 s`);
    const warmUp = mints();
    const refusedBefore = refused();
    const outageOnAt = Date.now();
    sim.control.set({ token: { errorRate: 1, errorStatus: options.status ?? 503 } });
    if (!(await until(() => refused() > refusedBefore, options.firstAttemptTimeoutMs ?? 60_000, 5)))
      throw new Error("no process tried to refresh the token during the outage");
    const firstAttemptAt = Date.now();
    await sleep(options.outageMs);
    sim.control.set({ token: { errorRate: 0 } });
    const outageOffAt = Date.now();
    const attempts = refused() - refusedBefore;
    const atEnd = mints();
    const recovered = await until(() => mints() > atEnd, options.recoveryTimeoutMs ?? 30_000, 5);
    const recoveredAt = recovered ? Date.now() : undefined;
    // Every process picks the new token up from the store at its next refresh check (at most about a
    // second, or its last view of the backoff, later).
    let finalStates: TokenOutageRun["finalStates"] = [];
    const deadline = Date.now() + 10_000;
    do {
      finalStates = await fleet.probe();
      if (new Set(finalStates.map((s) => s.fingerprint)).size === 1) break;
      await sleep(200);
    } while (Date.now() < deadline);
    const convergedAt = Date.now();
    fleet.stop();
    const reports = await fleet.reports();
    return {
      fleet,
      reports,
      messages: fleet.messages,
      outageOnAt,
      firstAttemptAt,
      outageOffAt,
      attempts,
      mints: { warmUp, during: atEnd - warmUp, after: mints() - atEnd },
      recoveredAt,
      convergedAt,
      finalStates,
    };
  } catch (error) {
    await fleet.close();
    throw error;
  }
}
