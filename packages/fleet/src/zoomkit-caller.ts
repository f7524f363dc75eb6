/**
 * The client under test: `createZoomClient` over a tuned token engine, one per process. The token
 * endpoint's fetch is wrapped (injected, never patched globally) so the parent learns the moment a
 * mint starts in this process, which is how a test finds the lease holder to kill.
 */
import { createTokenProvider, createZoomClient, type PacingOptions, type ZoomHooks } from "@zoomkit/core";
import type { Caller } from "./caller.js";
import { createMeetingsWorkload, createOnlyWorkload } from "./meetings-workload.js";
import type { WorkerConfig } from "./protocol.js";
import { openStore } from "./stores.js";

/** Opens this process's store and builds the zoomkit client over it. */
export async function createZoomkitCaller(
  config: WorkerConfig,
  hooks: ZoomHooks,
  onMintStarted: () => void,
): Promise<Caller> {
  const { zoom, engine = {} } = config;
  const store = await openStore(config.store);
  const tokenFetch: typeof fetch = (input, init) => {
    onMintStarted();
    return fetch(input, init);
  };
  const tokens = createTokenProvider({
    accountId: zoom.accountId,
    clientId: zoom.clientId,
    clientSecret: zoom.clientSecret,
    oauthUrl: zoom.oauthUrl,
    fetch: tokenFetch,
    store,
    hooks,
    ...engine,
  });
  const client = createZoomClient({
    accountId: zoom.accountId,
    clientId: zoom.clientId,
    clientSecret: zoom.clientSecret,
    baseUrl: zoom.baseUrl,
    tokens,
    // The engine's prefix, so the pacer's limiters are this fleet's alone, like its tokens.
    ...(engine.keyPrefix !== undefined ? { keyPrefix: engine.keyPrefix } : {}),
    hooks,
    timeoutMs: config.requestTimeoutMs ?? 15_000,
    ...(config.pacing ? { pacing: { ...config.pacing, store } as PacingOptions } : {}),
  });
  const meetings =
    config.workload === "meetings"
      ? createMeetingsWorkload(client, zoom.userId)
      : config.workload === "create"
        ? createOnlyWorkload(client, zoom.userId)
        : undefined;
  return {
    async call(callerIndex) {
      if (meetings) return meetings(callerIndex);
      const { response } = await client.GET("/users/{userId}", {
        params: { path: { userId: zoom.userId } },
      });
      return { operation: "user", outcome: response.status === 200 ? undefined : `HTTP ${response.status}` };
    },
    warm: async () => {
      await store.get(`${engine.keyPrefix ?? "zoomkit:"}{fleet-warm-up}:ping`);
    },
    fingerprint: async () => (await tokens.getToken()).fingerprint,
    degraded: () => tokens.stats().degraded.active,
    stats: () => tokens.stats(),
    mints: () => tokens.stats().mints.total,
    close: () => store.close(),
  };
}
