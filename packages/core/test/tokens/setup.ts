/** A token engine (or several, sharing one store) on a fake clock and a fake token endpoint, recording its hooks. */
import {
  createMemoryStore,
  createTokenProvider,
  type TokenProviderOptions,
  type ZoomHooks,
} from "../../src/index.js";
import { fakeClock, fakeTokenEndpoint, OAUTH_URL } from "./fake-token-endpoint.js";

export const base = {
  accountId: "acc-1",
  clientId: "client-1",
  clientSecret: "the-secret",
  oauthUrl: OAUTH_URL,
};

/** A 401 with code 124, as Zoom refuses a token. */
export const refused = { status: 401, zoomCode: 124, message: "Invalid access token." };

/** Opens the circuit the way a deactivated app does: a token minted moments ago refused on the retry. */
export async function openCircuit(tokens: ReturnType<typeof setup>["tokens"]) {
  const first = await tokens.getToken();
  const second = await tokens.unauthorized(first, refused, { attempt: 1 });
  await tokens.unauthorized(second!, refused, { attempt: 2 }).catch(() => undefined);
  return second!;
}

export function setup(
  extra: Partial<TokenProviderOptions> = {},
  endpoint: Parameters<typeof fakeTokenEndpoint>[0] = {},
) {
  const clock = fakeClock();
  const zoom = fakeTokenEndpoint(endpoint);
  const store = extra.store ?? createMemoryStore(clock);
  const events: { name: string; payload: unknown }[] = [];
  const record =
    (name: string) =>
    (payload: unknown): void => {
      events.push({ name, payload });
    };
  const hooks: ZoomHooks = {
    tokenMinted: record("tokenMinted"),
    mintFailed: record("mintFailed"),
    appRejected: record("appRejected"),
    appRecovered: record("appRecovered"),
    refreshFailed: record("refreshFailed"),
  };
  const make = (more: Partial<TokenProviderOptions> = {}) =>
    createTokenProvider({
      ...base,
      fetch: zoom.fetch,
      store,
      now: clock.now,
      hooks,
      circuitCoolDownMs: 30_000,
      circuitConfirmMs: 5_000,
      ...extra,
      ...more,
    });
  const named = (name: string) => events.filter((e) => e.name === name);
  return { clock, zoom, store, events, named, make, tokens: make() };
}
