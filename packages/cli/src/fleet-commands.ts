/**
 * `zoomkit circuit status|reset` and `zoomkit token status|drop`: the fleet's shared state through
 * `tokens.fleet` (the engine's own keys and codec). They need the fleet's store: on `memory` they
 * would only see their own empty process, so they refuse with exit 2.
 */
import type { FleetState } from "@zoomkit/core";
import { see } from "./guide.js";
import { type Output, when } from "./report.js";
import { openSession, type Session } from "./session.js";

export type FleetCommand = "circuit status" | "circuit reset" | "token status" | "token drop";

export async function fleetCommand(
  command: FleetCommand,
  env: Record<string, string | undefined>,
  json: boolean,
  output: Output,
): Promise<number> {
  const session = await openSession(env, output);
  try {
    if (!session.store.capabilities.shared) {
      output.error(
        `zoomkit ${command}: ZOOMKIT_STORE is memory, so there is no fleet state to ${command.endsWith("status") ? "read" : "change"}: set ZOOMKIT_STORE (and ZOOMKIT_STORE_NAMESPACE, ZOOMKIT_TOKEN_KEY) as the services have them`,
      );
      return 2;
    }
    return await run(command, session, json, output);
  } finally {
    await session.close();
  }
}

async function run(command: FleetCommand, session: Session, json: boolean, output: Output): Promise<number> {
  const fleet = session.client.tokens.fleet;
  const unreachable = (): number => {
    output.error(
      `zoomkit ${command}: the store (${session.storeLabel}) did not answer; ${see("store-unreachable")}`,
    );
    return 2;
  };
  if (command === "circuit reset") {
    const result = await fleet.resetCircuit();
    if (result.outcome === "store-unavailable") return unreachable();
    if (json) output.json(result);
    else if (result.outcome === "already-closed")
      output.line(`circuit: already closed${result.backoffCleared ? "; the mint backoff was cleared" : ""}`);
    else {
      const code = result.removed?.zoomCode === undefined ? "" : `, code ${result.removed.zoomCode}`;
      output.line(
        `circuit: reset (it was ${result.removed?.state}${code}); every process serves again within its re-read interval (2 s by default)${result.backoffCleared ? "; the mint backoff was cleared" : ""}`,
      );
    }
    return 0;
  }
  if (command === "token drop") {
    const result = await fleet.dropToken();
    if (result.outcome === "store-unavailable") return unreachable();
    if (json) output.json(result);
    else if (result.outcome === "absent") output.line("token: none in the store");
    else
      output.line(
        `token: dropped ${result.fingerprint}; the next process that needs a token mints one for the whole fleet`,
      );
    return 0;
  }
  const state = await fleet.inspect();
  if (!state.reachable) return unreachable();
  if (json) {
    output.json(
      command === "circuit status"
        ? { circuit: state.circuit }
        : { token: state.token, mints: state.mints, lease: state.lease },
    );
    return command === "circuit status" && state.circuit.state !== "closed" ? 1 : 0;
  }
  return command === "circuit status" ? printCircuit(state, output) : printToken(state, output);
}

function printCircuit(state: Extract<FleetState, { reachable: true }>, output: Output): number {
  const { circuit, backoff } = state;
  const now = Date.now();
  if (circuit.state === "closed") output.line("circuit: closed");
  else if (circuit.state === "unreadable") output.line("circuit: a record ZOOMKIT_TOKEN_KEY does not open");
  else {
    const code = circuit.zoomCode === undefined ? "" : `, code ${circuit.zoomCode}`;
    output.line(
      `circuit: ${circuit.state} since ${new Date(circuit.openedAt).toISOString()} (HTTP ${circuit.status}${code}), cool-down ${Math.round(circuit.coolDownMs / 1000)} s, until ${when(circuit.openUntil, now)}`,
    );
    output.line(`why: ${circuit.diagnosis}`);
    output.line(`after fixing the app: zoomkit circuit reset; ${see("app_rejected")}`);
  }
  if (backoff?.active)
    output.line(
      `mint backoff: ${backoff.code} after ${backoff.failures} failure(s), until ${when(backoff.retryAt, now)}`,
    );
  return circuit.state === "closed" ? 0 : 1;
}

function printToken(state: Extract<FleetState, { reachable: true }>, output: Output): number {
  const { token, mints, lease } = state;
  const now = Date.now();
  if (token.state === "absent")
    output.line("token: none in the store (the next process that needs one mints it)");
  else if (token.state === "unreadable") output.line("token: a record ZOOMKIT_TOKEN_KEY does not open");
  else {
    output.line(
      `token: ${token.fingerprint}, minted ${when(token.mintedAt, now)} by ${token.mintedBy ?? "an unnamed process"}`,
    );
    output.line(`expires: ${when(token.expiresAt, now)}`);
    output.line(`scopes: ${token.scopes.join(" ") || "none"}`);
    output.line(`api_url: ${token.apiUrl ?? "not given"}`);
  }
  output.line(`mints: ${mints.lastHour} of ${mints.budget} in the last hour; lease ${lease}`);
  return 0;
}
