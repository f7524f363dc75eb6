/**
 * The naive client, as in our users' incident and Zoom's own starter app (FACTS.md, "What the existing
 * clients do"): every call reads the token from the store; on a miss it mints one (every concurrent
 * caller that missed mints its own: no lock), SETs it, then EXPIREs it with the full lifetime (no early
 * refresh, so a token is served until its very last second), and a 401 is simply a failed call.
 * It is here to be measured side by side with zoomkit, not to be used.
 */
import { fingerprint } from "@zoomkit/core";
import type { Caller } from "./caller.js";
import { openNaiveStore } from "./naive-store.js";
import type { WorkerConfig } from "./protocol.js";

/** Builds the naive client over its own store connection. */
export async function createNaiveCaller(config: WorkerConfig, onMintStarted: () => void): Promise<Caller> {
  const { zoom } = config;
  if ((config.workload ?? "user") !== "user") throw new Error("the naive client runs the user workload only");
  const store = await openNaiveStore(config.store, `naive:${zoom.accountId}:${zoom.clientId}`);
  const basic = Buffer.from(`${zoom.clientId}:${zoom.clientSecret}`).toString("base64");
  const timeout = config.requestTimeoutMs ?? 15_000;
  let mints = 0;

  const mint = async (): Promise<string> => {
    onMintStarted();
    const response = await fetch(zoom.oauthUrl, {
      method: "POST",
      headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "account_credentials", account_id: zoom.accountId }),
      signal: AbortSignal.timeout(timeout),
    });
    if (!response.ok) {
      await response.arrayBuffer();
      throw new Error(`token endpoint HTTP ${response.status}`);
    }
    const body = (await response.json()) as { access_token: string; expires_in: number };
    mints += 1;
    await store.set(body.access_token);
    await store.expire(body.expires_in);
    return body.access_token;
  };

  const token = async (): Promise<string> => (await store.get()) ?? (await mint());

  return {
    async call() {
      const value = await token();
      const response = await fetch(`${zoom.baseUrl}/users/${encodeURIComponent(zoom.userId)}`, {
        headers: { authorization: `Bearer ${value}` },
        signal: AbortSignal.timeout(timeout),
      });
      await response.arrayBuffer();
      return { operation: "user", outcome: response.status === 200 ? undefined : `HTTP ${response.status}` };
    },
    warm: async () => {
      await store.get();
    },
    // Only what the store holds: asking must not mint.
    fingerprint: async () => {
      const value = await store.get();
      return value === null ? undefined : fingerprint(value);
    },
    degraded: () => false,
    stats: () => undefined,
    mints: () => mints,
    close: () => store.close(),
  };
}
