/**
 * The "app deactivated" incident, run against a live fleet: warm up on a good token, switch the
 * simulator's app-deactivated incident on, keep calling for a while, switch it off, and wait until the
 * fleet has recovered. Shared by the fleet test (which asserts on what happened) and the benchmark
 * (which measures how fast every caller got the diagnosis). Mints are counted by the simulator, the
 * authority; the moments are the parent's clock, which the workers share (same machine).
 */
import type { ZoomSimulator } from "@zoomkit/simulator";
import { type Fleet, type FleetOptions, type Received, startFleet } from "./fleet.js";
import type { WorkerReport } from "./protocol.js";

/** Options of `runAppDeactivation`. */
export interface DeactivationOptions {
  sim: ZoomSimulator;
  /** The simulated app's client id (mints are counted for it). */
  clientId: string;
  /** The fleet; its workers must run in `load` mode. */
  fleet: FleetOptions;
  /** Successful API calls (whole fleet) before the switch: every caller has had a good token. */
  warmUpCalls: number;
  /** How long the app stays deactivated. */
  deactivatedMs: number;
  /**
   * What the reactivation does to tokens minted before the deactivation (Zoom has not said): `revive`
   * (they work again) or `stay-dead` (the simulator's `revokeOnDeactivate`: only tokens minted since the
   * deactivation work afterwards). @default "revive"
   */
  oldTokens?: "revive" | "stay-dead";
  /** How long to wait for recovery after reactivation. @default 20_000 */
  recoveryTimeoutMs?: number;
  /** Calls the fleet must complete with 200 after recovery before it is stopped. @default 50 */
  callsAfterRecovery?: number;
}

/** What happened, in the parent's clock (epoch ms), with the simulator's counts at each switch. */
export interface DeactivationRun {
  fleet: Fleet;
  reports: WorkerReport[];
  messages: readonly Received[];
  /** Everything the processes wrote to stdout and stderr. */
  output: string;
  deactivatedAt: number;
  reactivatedAt: number;
  /** Moment the fleet was seen recovered (`undefined`: not within the timeout). */
  recoveredAt: number | undefined;
  /** Successful mints before the switch, while deactivated, and after reactivation. */
  mints: { warmUp: number; deactivated: number; afterReactivation: number };
  /** API calls answered 200 after recovery was seen. */
  okAfterRecovery: number;
  /** Every worker's state when recovery was seen (or the last probe). */
  finalStates: Extract<Received, { type: "state" }>[];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
}

/**
 * Runs the incident. The caller closes `run.fleet` (also when this throws, the fleet is closed here).
 *
 * @example
 * const run = await runAppDeactivation({ sim, clientId, fleet: { processes: 8, config }, warmUpCalls: 500, deactivatedMs: 4_000 });
 * await run.fleet.close();
 */
export async function runAppDeactivation(options: DeactivationOptions): Promise<DeactivationRun> {
  const { sim, clientId } = options;
  const mints = (): number => sim.stats().mints[clientId] ?? 0;
  const userOk = (): number => sim.stats().calls.user?.["200"] ?? 0;
  const fleet = await startFleet(options.fleet);
  try {
    fleet.go();
    const warm = await until(() => userOk() >= options.warmUpCalls, 30_000, 20);
    if (!warm) throw new Error(`warm-up: only ${userOk()} calls answered 200 in 30 s`);

    const warmUp = mints();
    if (options.oldTokens === "stay-dead")
      sim.control.set({ incidents: { [clientId]: { revokeOnDeactivate: true } } });
    const deactivatedAt = Date.now();
    sim.control.deactivateApp(clientId);
    await sleep(options.deactivatedMs);
    const atReactivation = mints();
    const reactivatedAt = Date.now();
    sim.control.reactivateApp(clientId);

    let finalStates: DeactivationRun["finalStates"] = [];
    let okAtRecovery = 0;
    const recovered = await until(
      async () => {
        finalStates = await fleet.probe();
        okAtRecovery = userOk();
        // Recovered: every process closed the circuit and holds a token. How many distinct tokens they
        // hold is for the caller to judge (finalStates).
        return finalStates.every((s) => s.stats?.circuit.state === "closed" && s.fingerprint !== undefined);
      },
      options.recoveryTimeoutMs ?? 20_000,
      100,
    );
    const recoveredAt = recovered ? Date.now() : undefined;
    if (recovered)
      await until(() => userOk() - okAtRecovery >= (options.callsAfterRecovery ?? 50), 10_000, 20);
    fleet.stop();
    const reports = await fleet.reports();
    return {
      fleet,
      reports,
      messages: fleet.messages,
      output: fleet.workers.map((w) => w.output).join(""),
      deactivatedAt,
      reactivatedAt,
      recoveredAt,
      mints: { warmUp, deactivated: atReactivation - warmUp, afterReactivation: mints() - atReactivation },
      okAfterRecovery: userOk() - okAtRecovery,
      finalStates,
    };
  } catch (error) {
    await fleet.close();
    throw error;
  }
}

/**
 * For each process, ms from `since` until it was serving again: its first successful call after its
 * last failed one (`undefined` for a process that failed last, or never failed).
 */
export function servingAgainDelays(reports: readonly WorkerReport[], since: number): (number | undefined)[] {
  return reports.map((r) => (r.servingAgainAt === undefined ? undefined : r.servingAgainAt - since));
}

/**
 * The most cool-downs that can have ended within `windowMs` of the switch, by the engine's rule: the
 * first lasts `coolDownMs`, each next one twice the last, at most `maxCoolDownMs`. Counted as if the
 * circuit opened at the very moment of the switch (it opens later), so this is an upper bound.
 */
export function coolDownsWithin(windowMs: number, coolDownMs: number, maxCoolDownMs: number): number {
  let ended = 0;
  let elapsed = 0;
  let length = coolDownMs;
  for (;;) {
    elapsed += length;
    if (elapsed > windowMs) return ended;
    ended += 1;
    length = Math.min(maxCoolDownMs, length * 2);
  }
}

/** For each caller, ms from `since` to its first failure with `code` (callers that never had one are left out). */
export function firstFailureDelays(reports: readonly WorkerReport[], code: string, since: number): number[] {
  return reports.flatMap((r) =>
    r.firstFailureAt.flatMap((first) => (first[code] !== undefined ? [first[code] - since] : [])),
  );
}
