/**
 * DESIGN.md: "App deactivated: the fleet mints at most a handful of tokens per cool-down window, and
 * every caller gets the diagnosis". 8 processes x 16 callers warm up on one good token; the app is then
 * deactivated (minting still works, every API call gets 401 / 124) for a few short cool-downs, then
 * reactivated. The "within a second" half is a timing goal, measured by `bench/run.mjs --scenario
 * deactivated`, not asserted here.
 */
import { DEFAULT_APP } from "@zoomkit/simulator";
import { expect } from "vitest";
import { coolDownsWithin, runAppDeactivation, summarize } from "../../src/index.js";
import type { StoreFixture } from "../support/stores.js";
import { startSimulator, timeline, uniquePrefix, workerConfig } from "../support/zoom.js";

const PROCESSES = 8;
const CALLERS = 16;
const COOL_DOWN_MS = 1_000;
const MAX_COOL_DOWN_MS = 2_000;
/** Long enough for the first cool-down and the doubled second one to end (two refused probes). */
const DEACTIVATED_MS = 3_500;
const CALLS_AFTER_RECOVERY = 50;

export async function appDeactivated(fixture: StoreFixture): Promise<void> {
  const sim = await startSimulator({ tokenTtlSeconds: 3600 });
  const store = await fixture.shared();
  const engine = {
    keyPrefix: uniquePrefix(),
    circuitCoolDownMs: COOL_DOWN_MS,
    circuitMaxCoolDownMs: MAX_COOL_DOWN_MS,
    // A process whose view of the circuit is newer than the probe closes it by the timed fallback,
    // not by accepted(): 2 s instead of 10 keeps the test short.
    circuitConfirmMs: 2_000,
    // freshTokenMs stays the default (60 s): every token of this run counts as "minted moments ago".
  };
  const run = await runAppDeactivation({
    sim,
    clientId: DEFAULT_APP.clientId,
    fleet: {
      processes: PROCESSES,
      config: (index) =>
        workerConfig(index, { sim, store, engine, concurrency: CALLERS, mode: "load", pauseMs: 20 }),
    },
    warmUpCalls: 4 * PROCESSES * CALLERS,
    deactivatedMs: DEACTIVATED_MS,
    callsAfterRecovery: CALLS_AFTER_RECOVERY,
  });
  try {
    const summary = summarize(run.reports);
    const story = timeline(run.messages, run.deactivatedAt);
    const { failureCodes } = summary;

    // Warm-up: one token for the whole fleet.
    expect(run.mints.warmUp).toBe(1);

    // Mints while deactivated. The engine's rules: (a) until a process has read the open circuit it mints
    // only under the fleet-wide lease, when the store holds no token it has not seen refused; once its
    // fresh token is refused (or it reads the circuit) it fails fast: at most one mint per process before
    // the first opening reaches it (one of them replaces the warm-up token); (b) while the circuit is
    // open nobody mints; (c) each cool-down end lets one process, holding the lease, mint one probe;
    // "+ 1" covers a mint already under way when the circuit was written. Cool-downs are counted from the
    // switch (the circuit opens later), so that term overcounts. Independent of the 16 callers per process.
    // Known leak in core, inside this bound so far (0-1 per cool-down end in our runs): a process that
    // read the circuit half-open (probe minted, not yet refused) or took the lease just as the prober
    // reopened it mints a non-probe token (reason `unauthorized`/`refresh`), so (c) is not exact.
    const coolDowns = coolDownsWithin(run.reactivatedAt - run.deactivatedAt, COOL_DOWN_MS, MAX_COOL_DOWN_MS);
    expect(coolDowns).toBeGreaterThanOrEqual(2);
    expect(run.mints.deactivated, story).toBeGreaterThanOrEqual(1);
    expect(run.mints.deactivated, story).toBeLessThanOrEqual(PROCESSES + coolDowns + 1);

    // The diagnosis, only after the switch: thrown failures are all app_rejected, in every process, with
    // a message naming what to check. (Not asserted: that every one of the 128 callers got it. In about
    // one run in four on Postgres some callers' single call spans the whole deactivated window and succeeds after
    // reactivation; the benchmark measures the delay. Reported to core.)
    const firsts = run.reports.flatMap((r) => r.firstFailureAt.flatMap((f) => f.app_rejected ?? []));
    expect(firsts.length).toBeGreaterThan(0);
    for (const at of firsts) expect(at).toBeGreaterThanOrEqual(run.deactivatedAt);
    // No bare 401 reaches a caller: a second 401 with a fresh token is the diagnosis.
    expect(Object.keys(failureCodes)).toEqual(["app_rejected"]);
    expect(failureCodes.app_rejected).toBeGreaterThan(PROCESSES * CALLERS);
    for (const report of run.reports) {
      const message = report.failureCodes.app_rejected?.message ?? "";
      expect(message).toMatch(/^ZoomAuthError app_rejected: /);
      for (const check of ["still activated", "owner", "role", "client secret", "scopes", "cool-down"])
        expect(message).toContain(check);
      expect(report.stats?.circuit.fastFailures).toBeGreaterThan(0);
    }
    // Nothing any process said carries the secret or anything token-sized.
    const transcript = JSON.stringify(run.messages) + run.output;
    expect(transcript).not.toContain(DEFAULT_APP.clientSecret);
    expect(transcript).not.toMatch(/[A-Za-z0-9_-]{40,}/);

    // Reactivated: every process closed the circuit (appRecovered once each) and calls succeed again;
    // after reactivation the fleet mints at most the one probe. (Not asserted: one token. A process
    // that minted a non-probe token while the circuit was half-open or just reopened fails fast before
    // invalidating it, keeps it, and serves with it after reactivation: two valid tokens in the fleet.
    // Reported to core; the probe-only rule is what would make the "+ 1" above exact too.)
    expect(run.recoveredAt, story).toBeDefined();
    expect(run.finalStates).toHaveLength(PROCESSES);
    for (const state of run.finalStates) expect(state.stats?.circuit.state).toBe("closed");
    expect(run.okAfterRecovery).toBeGreaterThanOrEqual(CALLS_AFTER_RECOVERY);
    expect(run.mints.afterReactivation).toBeLessThanOrEqual(1);
    const recovered = run.messages.flatMap((m) =>
      m.type === "hook" && m.event.name === "appRecovered" ? [m.index] : [],
    );
    expect(new Set(recovered).size, story).toBe(PROCESSES);
  } finally {
    await run.fleet.close();
    await sim.close();
  }
}
