/**
 * The fleet's shared state, read through `tokens.fleet.inspect()` (the engine's own keys and codec):
 * the store is reachable, the token key opens the token record, the circuit and why it opened, mints in
 * the last hour against the budget, the lease, and the backoff after failed mints.
 */
import type { FleetState } from "@zoomkit/core";
import { see } from "../guide.js";
import { type CheckResult, when } from "../report.js";

export function fleetChecks(
  state: FleetState,
  storeLabel: string,
  shared: boolean,
  now: number,
): CheckResult[] {
  if (!state.reachable) {
    return [
      {
        id: "store",
        status: "fail",
        summary: `${storeLabel}: did not answer`,
        fix: `check that the store is up and reachable from here, and ZOOMKIT_STORE / ZOOMKIT_STORE_NAMESPACE; the fleet mints per process while it is down; ${see("store-unreachable")}`,
      },
    ];
  }
  const checks: CheckResult[] = [
    {
      id: "store",
      status: "pass",
      summary: shared
        ? `${storeLabel}: reachable`
        : `${storeLabel}: only this command's own process (point ZOOMKIT_STORE at the fleet's store to see its state)`,
    },
  ];
  const { token, circuit, mints, lease, backoff } = state;
  if (token.state === "unreadable") {
    checks.push({
      id: "token-key",
      status: "fail",
      summary: "the fleet's token record does not open with ZOOMKIT_TOKEN_KEY",
      fix: `give zoomkit the same ZOOMKIT_TOKEN_KEY as the services (all of its keys, comma-separated, during a rotation); ${see("store_misconfigured")}`,
    });
  } else {
    checks.push({
      id: "token-key",
      status: "pass",
      summary:
        token.state === "absent"
          ? `no token record yet${state.encrypted ? " (records are sealed with ZOOMKIT_TOKEN_KEY)" : ""}`
          : `the token record opens${state.encrypted ? " with ZOOMKIT_TOKEN_KEY" : " (not sealed: no ZOOMKIT_TOKEN_KEY)"}`,
    });
  }
  if (circuit.state === "open" || circuit.state === "half-open") {
    const code = circuit.zoomCode === undefined ? "" : `, code ${circuit.zoomCode}`;
    checks.push({
      id: "circuit",
      status: "fail",
      summary:
        circuit.state === "open"
          ? `open since ${new Date(circuit.openedAt).toISOString()}: Zoom refused a token minted moments ago (HTTP ${circuit.status}${code}); no mint before ${when(circuit.openUntil, now)}`
          : `half-open: the cool-down is over, a probe token decides (opened for HTTP ${circuit.status}${code})`,
      fix: `the app itself is refused: check in the Marketplace that it is activated, its owner active with the role it needs, its secret current and its scopes in place; then run \`zoomkit circuit reset\`; ${see("app_rejected")}`,
    });
  } else if (circuit.state === "unreadable") {
    checks.push({
      id: "circuit",
      status: "fail",
      summary: "the circuit record does not open with ZOOMKIT_TOKEN_KEY",
      fix: `give zoomkit the services' ZOOMKIT_TOKEN_KEY; ${see("store_misconfigured")}`,
    });
  } else {
    checks.push({ id: "circuit", status: "pass", summary: "closed" });
  }
  checks.push(
    mints.lastHour >= mints.budget
      ? {
          id: "mint-budget",
          status: "fail",
          summary: `${mints.lastHour} tokens minted in the last hour, the budget is ${mints.budget}`,
          fix: `something mints far more than a fleet should: processes on different stores, a store losing records, or tokens being refused; ${see("mint_budget_exhausted")}`,
        }
      : {
          id: "mint-budget",
          status: "pass",
          summary: `${mints.lastHour} of ${mints.budget} tokens minted in the last hour`,
        },
  );
  checks.push({
    id: "lease",
    status: "pass",
    summary: lease === "held" ? "held: a process is minting right now" : "free (nobody is minting)",
  });
  if (backoff?.active) {
    checks.push({
      id: "backoff",
      status: "fail",
      summary: `the fleet waits after ${backoff.failures} failed mint${backoff.failures === 1 ? "" : "s"} (${backoff.code}) until ${when(backoff.retryAt, now)}: ${backoff.message}`,
      fix: `fix the cause named here, then run \`zoomkit circuit reset\` to let the next mint go at once; ${see(backoff.code)}`,
    });
  } else {
    checks.push({
      id: "backoff",
      status: "pass",
      summary: backoff ? `none (the last failure, ${backoff.code}, is over)` : "none",
    });
  }
  return checks;
}
