/**
 * Integration helpers: a real simulator over HTTP, clients built on it, and a collector of everything
 * the engine says (hook payloads, error messages) so a test can assert no secret or token leaks.
 */
import { DEFAULT_APP, DEFAULT_USERS, startZoomSimulator, type ZoomSimulator } from "@zoomkit/simulator";
import { afterEach } from "vitest";
import {
  createTokenProvider,
  createZoomClient,
  type TokenProviderOptions,
  type ZoomHooks,
  type ZoomTokenProvider,
} from "../../src/index.js";

export const APP = DEFAULT_APP;
export const HOST = DEFAULT_USERS[0]!.email;

/** Every string the engine put into hooks and errors, and every secret and token that must not be in them. */
export const leaks = { said: [] as string[], secrets: new Set<string>([APP.clientSecret]) };

/** Flattens anything (errors with causes, nested payloads) into the strings it carries. */
export function strings(value: unknown, seen = new Set<unknown>()): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value !== "object") return [String(value)];
  if (seen.has(value)) return [];
  seen.add(value);
  const out: string[] = [];
  if (value instanceof Error) out.push(value.message, value.stack ?? "", ...strings(value.cause, seen));
  for (const v of Object.values(value)) out.push(...strings(v, seen));
  return out;
}

export function record(error: unknown): unknown {
  leaks.said.push(...strings(error));
  return error;
}

/** Hooks that record every payload. */
export function recordingHooks(events: { name: string; payload: unknown }[] = []): ZoomHooks {
  const hook =
    (name: string) =>
    (payload: unknown): void => {
      events.push({ name, payload });
      leaks.said.push(...strings(payload));
    };
  return {
    tokenMinted: hook("tokenMinted"),
    refreshFailed: hook("refreshFailed"),
    appRejected: hook("appRejected"),
    appRecovered: hook("appRecovered"),
    storeDegraded: hook("storeDegraded"),
    retry: hook("retry"),
  };
}

/** A fetch that notes every token the token endpoint hands out (so tests can look for leaks). */
export const watchingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const url = new Request(input, init).url;
  if (url.includes("/oauth/token") && response.ok) {
    const body = (await response.clone().json()) as { access_token?: string };
    if (body.access_token) leaks.secrets.add(body.access_token);
  }
  return response;
};

const running: ZoomSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

export async function simulator(
  options: Parameters<typeof startZoomSimulator>[0] = {},
): Promise<ZoomSimulator> {
  const sim = await startZoomSimulator(options);
  running.push(sim);
  return sim;
}

export function mints(sim: ZoomSimulator): number {
  return sim.stats().mints[APP.clientId] ?? 0;
}

/** A token engine on the simulator (one per simulated process). */
export function engine(sim: ZoomSimulator, options: Partial<TokenProviderOptions> = {}): ZoomTokenProvider {
  return createTokenProvider({
    accountId: APP.accountId,
    clientId: APP.clientId,
    clientSecret: APP.clientSecret,
    oauthUrl: sim.oauthUrl,
    fetch: watchingFetch,
    hooks: recordingHooks(),
    ...options,
  });
}

/** A typed client on the simulator whose tokens come from `tokens`. */
export function client(sim: ZoomSimulator, tokens: ZoomTokenProvider) {
  return createZoomClient({
    accountId: APP.accountId,
    clientId: APP.clientId,
    clientSecret: APP.clientSecret,
    baseUrl: sim.baseUrl,
    oauthUrl: sim.oauthUrl,
    fetch: watchingFetch,
    tokens,
  });
}

/** One light API call; resolves the HTTP status, or the thrown error's code. */
export async function call(zoom: ReturnType<typeof client>): Promise<number | string> {
  try {
    const { response } = await zoom.GET("/users/{userId}", { params: { path: { userId: HOST } } });
    return response.status;
  } catch (error) {
    record(error);
    return (error as { code?: string }).code ?? "thrown";
  }
}
