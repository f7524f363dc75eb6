/**
 * Zoom's own Node SDK, `@zoom/rivet`, as teams run it: one S2S client per process (users product,
 * receiver off) with its default in-memory token store, so each process mints its own tokens (refreshed
 * 60 s before expiry, no single-flight, no 401 handling: FACTS.md). The store is wrapped only to count
 * the tokens stored (one per mint). The API goes to `baseUrl`; the token request goes to Rivet's
 * hard-coded https://zoom.us/oauth/token, which the bench sends to the simulator through HTTPS_PROXY
 * (the parent sets the worker's environment; see bench/run.mjs). It is here to be measured side by side
 * with zoomkit, not to be used.
 */

import { isCoreError, type S2SAuthToken, UsersS2SAuthClient } from "@zoom/rivet/users";
import { fingerprint } from "@zoomkit/core";
import type { Caller, CallResult } from "./caller.js";
import type { WorkerConfig } from "./protocol.js";

/** `[401/124]: "Invalid access token."` -> `HTTP 401`: the same outcome the other clients report. */
function outcomeOf(error: unknown): CallResult {
  const status = error instanceof Error ? /^\[(\d{3})/.exec(error.message)?.[1] : undefined;
  if (status === undefined || !isCoreError(error, "ApiResponseError")) throw error;
  return { operation: "user", outcome: `HTTP ${status}` };
}

/** Builds this process's Rivet client. */
export function createRivetCaller(config: WorkerConfig): Caller {
  const { zoom } = config;
  if ((config.workload ?? "user") !== "user") throw new Error("the rivet client runs the user workload only");
  let current: S2SAuthToken | undefined;
  let mints = 0;
  const { endpoints } = new UsersS2SAuthClient({
    clientId: zoom.clientId,
    clientSecret: zoom.clientSecret,
    accountId: zoom.accountId,
    baseUrl: zoom.baseUrl,
    timeout: config.requestTimeoutMs ?? 15_000,
    disableReceiver: true,
    tokenStore: {
      getLatestToken: () => current,
      storeToken: (token) => {
        mints += 1;
        current = token;
      },
    },
  });
  return {
    async call() {
      try {
        const { statusCode } = await endpoints.users.getUser({ path: { userId: zoom.userId } });
        return { operation: "user", outcome: statusCode === 200 ? undefined : `HTTP ${statusCode}` };
      } catch (error) {
        return outcomeOf(error);
      }
    },
    warm: async () => {},
    fingerprint: async () => (current ? fingerprint(current.accessToken) : undefined),
    degraded: () => false,
    stats: () => undefined,
    mints: () => mints,
    close: async () => {},
  };
}
