/**
 * `zoomkit doctor`: every check, in the order an operator fixes things (configuration, store, the
 * fleet's state, the token endpoint, scopes, api_url, one API call, the clock), one line each.
 * A check that depends on an earlier one that failed is skipped, never guessed.
 */
import type { ZoomOperation } from "@zoomkit/core";
import { checkApiCall, checkApiUrl, checkTokenReuse } from "./checks/api.js";
import { checkClock } from "./checks/clock.js";
import { checkCredentials } from "./checks/credentials.js";
import { fleetChecks } from "./checks/fleet.js";
import { checkScopes } from "./checks/scopes.js";
import { checkTokenEndpoint, fetchToken } from "./checks/token-endpoint.js";
import { type CheckResult, exitCodeOf, formatCheck, type Output } from "./report.js";
import { openSession, SessionConfigError } from "./session.js";

export interface DoctorOptions {
  readonly json: boolean;
  readonly operations: readonly ZoomOperation[];
  readonly user: string | undefined;
}

const skip = (id: string, why: string): CheckResult => ({
  id,
  status: "skip",
  summary: `not checked: ${why}`,
});

export async function doctor(
  env: Record<string, string | undefined>,
  options: DoctorOptions,
  output: Output,
  baseFetch?: typeof fetch,
): Promise<number> {
  const checks = await runChecks(env, options, output, baseFetch);
  const code = exitCodeOf(checks);
  const verdict = code === 0 ? "healthy" : code === 1 ? "needs fixing" : "could not check everything";
  if (options.json) {
    output.json({ status: verdict, exitCode: code, checks });
  } else {
    for (const check of checks) output.line(formatCheck(check));
    const failed = checks.filter((c) => c.status === "fail").length;
    output.line(
      `doctor: ${verdict}${failed > 0 ? ` (${failed} check${failed === 1 ? "" : "s"} failed)` : ""}`,
    );
  }
  return code;
}

async function runChecks(
  env: Record<string, string | undefined>,
  options: DoctorOptions,
  output: Output,
  baseFetch?: typeof fetch,
): Promise<CheckResult[]> {
  let session: Awaited<ReturnType<typeof openSession>>;
  try {
    session = await openSession(env, output, baseFetch);
  } catch (error) {
    if (!(error instanceof SessionConfigError)) throw error;
    return [
      {
        id: "config",
        status: "fail",
        summary: error.problems.join("; "),
        fix: "set the variables as the services have them (never echoed here)",
      },
    ];
  }
  try {
    const checks: CheckResult[] = [
      {
        id: "config",
        status: "pass",
        summary: `real mode, token endpoint ${session.zoom.oauthUrl}, API ${session.zoom.apiUrl}`,
      },
      checkCredentials(session.zoom),
    ];
    const state = await session.client.tokens.fleet.inspect();
    checks.push(...fleetChecks(state, session.storeLabel, session.store.capabilities.shared, Date.now()));
    const dependents = ["token-endpoint", "scopes", "api-url", "api-call", "fleet-token", "clock"];
    if (!state.reachable) {
      // Without the store the engine would mint in this process: a diagnosis adds no mint.
      checks.push(...dependents.map((id) => skip(id, "the store did not answer")));
      return checks;
    }
    if (state.token.state === "unreadable" || state.circuit.state === "unreadable") {
      // The engine would replace a record it cannot open: the fleet, on the other key, would then mint again.
      checks.push(...dependents.map((id) => skip(id, "the token key does not open the fleet's records")));
      return checks;
    }
    const outcome = await fetchToken(session.client.tokens);
    if ("token" in outcome) output.conceal(outcome.token.value);
    checks.push(checkTokenEndpoint(outcome));
    if ("token" in outcome) {
      checks.push(checkScopes(outcome.token, options.operations));
      checks.push(checkApiUrl(outcome.token, session.zoom.apiUrl));
      checks.push(await checkApiCall(session.client, options.user));
      checks.push(checkTokenReuse(session.client.tokens.stats(), checks.at(-1)!));
    } else {
      checks.push(...["scopes", "api-url", "api-call", "fleet-token"].map((id) => skip(id, "no token")));
    }
    if (!session.clock.some((s) => s.from === "oauth")) {
      // One request without credentials, for the token endpoint's Date header: it mints nothing.
      await session.fetch(session.zoom.oauthUrl, { method: "POST" }).then(
        (r) => r.body?.cancel(),
        () => undefined,
      );
    }
    checks.push(checkClock(session.clock));
    return checks;
  } finally {
    await session.close();
  }
}
