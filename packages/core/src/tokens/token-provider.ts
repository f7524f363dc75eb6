/**
 * `createTokenProvider`: the token engine. One token per credential for the whole fleet, shared through
 * a `TokenStore`; a per-process copy with no I/O on the hot path; refresh ahead in the background by
 * one process; 401s handled once; a shared circuit with a diagnosis when the app is refused.
 */
import { randomBytes } from "node:crypto";
import { ZoomAuthError } from "../errors.js";
import type { MintReason, ZoomHooks } from "../events.js";
import { emit } from "../events.js";
import { raceAbort } from "../pipeline/sleep.js";
import { createMemoryStore } from "../stores/memory-store.js";
import { type AcquireMode, acquire, circuitConfirmAt, newerToken, throwIfBlocked } from "./acquire.js";
import type { Cached, Engine, ResolvedOptions, Slot } from "./engine.js";
import { credentialKeys } from "./keys.js";
import { createLocalWindow, HOUR_MS } from "./mint-budget.js";
import { createRecordCodec } from "./record-codec.js";
import { confirmRecovery, invalidate, isFresh, isProbe, openCircuit, provesRecovery } from "./rejection.js";
import { createStoreGuard } from "./store-guard.js";
import { createCounters, type TokenStats } from "./token-stats.js";
import type { AccessToken, TokenProvider, TokenStore } from "./types.js";

/** Options of `createTokenProvider`. */
export interface TokenProviderOptions {
  /** The Server-to-Server OAuth app's account id. */
  accountId: string;
  /** The app's client id. */
  clientId: string;
  /**
   * The client secret, or a function returning the current one: a new secret (rotation) is picked up
   * on the next call, under a new cache key, with a new token. Never logged.
   */
  clientSecret: string | (() => string);
  /** Where tokens are shared. @default createMemoryStore() */
  store?: TokenStore;
  /** Token endpoint. @default "https://zoom.us/oauth/token" */
  oauthUrl?: string;
  /** The fetch used for the token endpoint. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** 32-byte key (Uint8Array, 64 hex chars or base64): records are AES-256-GCM sealed, the store sees ciphertext only. */
  encryptionKey?: string | Uint8Array;
  /** Most tokens per credential per rolling hour, fleet-wide, before `mint_budget_exhausted`. @default 100 */
  mintBudgetPerHour?: number;
  /** Callbacks: tokenMinted, refreshFailed, appRejected, appRecovered, storeDegraded. */
  hooks?: ZoomHooks;
  /** Prefix of every store key. @default "zoomkit:" */
  keyPrefix?: string;
  /** Time-to-live of the mint lease: how long others wait for a holder that died. @default 15_000 */
  leaseTtlMs?: number;
  /** Timeout of one token request. @default 10_000 */
  mintTimeoutMs?: number;
  /** Timeout of one store call; past it the provider runs degraded. @default 1_000 */
  storeTimeoutMs?: number;
  /** While degraded, how often the store is tried again. @default 5_000 */
  storeRetryMs?: number;
  /** First cool-down of the shared circuit; it doubles each time a probe is refused. @default 30_000 */
  circuitCoolDownMs?: number;
  /** Longest cool-down. @default 600_000 */
  circuitMaxCoolDownMs?: number;
  /**
   * The circuit closes as soon as the API accepts the probe's token (the pipeline calls `accepted`);
   * with a pipeline that never does, once the probe's token has gone unrefused this long after the
   * cool-down. @default 10_000
   */
  circuitConfirmMs?: number;
  /** How long wrong credentials are remembered (for the same secret) before one more try. @default 60_000 */
  invalidCredentialsCoolDownMs?: number;
  /** A token refused within this long of its mint counts as "minted moments ago". @default 60_000 */
  freshTokenMs?: number;
  /** Clock in epoch ms, for tests. @default Date.now */
  now?: () => number;
}

/** The token engine: a `TokenProvider` with statistics. */
export interface ZoomTokenProvider extends TokenProvider {
  /** The API took `token` (any answer but 401 or 5xx): closes the circuit at once if `token` is the probe or the cool-down is over. */
  accepted(token: AccessToken): void;
  /** What the engine did in this process (counters are cumulative). */
  stats(): TokenStats;
  /** The store in use. */
  readonly store: TokenStore;
}

/**
 * Creates the token engine.
 *
 * @example
 * const tokens = createTokenProvider({ accountId, clientId, clientSecret, store: createMemoryStore() });
 * const token = await tokens.getToken();
 * fetch(url, { headers: { authorization: `Bearer ${token.value}` } });
 */
export function createTokenProvider(options: TokenProviderOptions): ZoomTokenProvider {
  const now = options.now ?? Date.now;
  const store = options.store ?? createMemoryStore();
  const resolved: ResolvedOptions = {
    accountId: options.accountId,
    clientId: options.clientId,
    oauthUrl: options.oauthUrl ?? "https://zoom.us/oauth/token",
    fetch: options.fetch ?? globalThis.fetch,
    mintBudgetPerHour: options.mintBudgetPerHour ?? 100,
    leaseTtlMs: options.leaseTtlMs ?? 15_000,
    mintTimeoutMs: options.mintTimeoutMs ?? 10_000,
    circuitCoolDownMs: options.circuitCoolDownMs ?? 30_000,
    circuitMaxCoolDownMs: options.circuitMaxCoolDownMs ?? 600_000,
    circuitConfirmMs: options.circuitConfirmMs ?? 10_000,
    invalidCredentialsCoolDownMs: options.invalidCredentialsCoolDownMs ?? 60_000,
    freshTokenMs: options.freshTokenMs ?? 60_000,
  };
  const engine: Engine = {
    options: resolved,
    store,
    guard: createStoreGuard({
      store,
      timeoutMs: options.storeTimeoutMs ?? 1_000,
      retryMs: options.storeRetryMs ?? 5_000,
      hooks: options.hooks,
      now,
    }),
    codec: createRecordCodec(options.encryptionKey),
    counters: createCounters(),
    hooks: options.hooks,
    now,
    holder: `${randomBytes(6).toString("hex")}`,
    localMints: createLocalWindow(HOUR_MS, now),
  };
  const keyPrefix = options.keyPrefix ?? "zoomkit:";
  let slot: Slot | undefined;
  let lastSecret: string | undefined;

  /** The slot of the current secret; a changed secret gets a new slot (new key, new token). */
  const current = (): Slot => {
    const secret = typeof options.clientSecret === "function" ? options.clientSecret() : options.clientSecret;
    if (secret === lastSecret && slot) return slot;
    if (typeof secret !== "string" || secret.length === 0) {
      throw new ZoomAuthError(
        "invalid_credentials",
        `No client secret for account ${options.accountId}, client ${options.clientId}: clientSecret is empty or its function returned nothing.`,
      );
    }
    const firstReason: MintReason = slot ? "rotation" : "cold";
    lastSecret = secret;
    slot = {
      keys: credentialKeys(keyPrefix, options.accountId, options.clientId, secret),
      secret,
      firstReason,
      cached: undefined,
      flight: undefined,
      refreshing: undefined,
      opening: undefined,
      newer: new Map(),
      circuit: undefined,
      invalid: undefined,
      rejected: [],
      sawCorrupt: false,
      corruptGeneration: 0,
      hadToken: false,
    };
    return slot;
  };

  /** One search per refused token in this process, however many of its callers were refused. */
  const findNewer = (s: Slot, refused: AccessToken): Promise<AccessToken | undefined> => {
    let search = s.newer.get(refused.fingerprint);
    if (!search) {
      search = newerToken(engine, s, refused).finally(() => s.newer.delete(refused.fingerprint));
      s.newer.set(refused.fingerprint, search);
    }
    return search;
  };

  const blocking = (s: Slot, hint?: MintReason): Promise<AccessToken> => {
    s.flight ??= settle(s, hint).finally(() => {
      s.flight = undefined;
    });
    return s.flight;
  };

  const settle = async (s: Slot, hint: MintReason | undefined): Promise<AccessToken> => {
    // A background refresh already on its way is the token we would mint: wait for it, do not mint twice.
    if (s.refreshing) await s.refreshing;
    if (s.cached && engine.now() < s.cached.usableUntil) return s.cached.token;
    return (await acquire(engine, s, "blocking", hint))!;
  };

  /** Past `checkAt` but still usable: refresh in the background, confirm a probe's recovery. */
  const maintain = (s: Slot, cached: Cached, at: number): void => {
    if (s.circuit && !s.opening && at >= circuitConfirmAt(engine, s.circuit)) void confirmRecovery(engine, s);
    if (at < cached.refreshAt) {
      cached.checkAt = cached.refreshAt;
      return;
    }
    // Try again after a short pause if this attempt does not produce a fresh token (another process holds the lease).
    cached.checkAt = at + Math.min(1_000, Math.max(5, (cached.usableUntil - at) / 8));
    s.refreshing ??= refresh(s, "refresh").finally(() => {
      s.refreshing = undefined;
    });
  };

  const refresh = async (s: Slot, mode: AcquireMode): Promise<void> => {
    try {
      await acquire(engine, s, mode);
    } catch (error) {
      engine.counters.refreshFailures += 1;
      emit(engine.hooks, "refreshFailed", {
        credential: s.keys.credential,
        error: error instanceof Error ? error : new Error("refresh failed"),
      });
    }
  };

  return {
    store,
    getToken(getOptions) {
      const s = current();
      const cached = s.cached;
      if (cached !== undefined) {
        const at = now();
        if (at < cached.checkAt) {
          engine.counters.hits.process += 1;
          return Promise.resolve(cached.token);
        }
        if (at < cached.usableUntil) {
          engine.counters.hits.process += 1;
          maintain(s, cached, at);
          return Promise.resolve(cached.token);
        }
      }
      engine.counters.blocked += 1;
      return withSignal(blocking(s), getOptions?.signal);
    },

    async unauthorized(token, detail, { attempt, signal }) {
      engine.counters.unauthorized.seen += 1;
      const s = current();
      throwIfBlocked(engine, s);
      if (isProbe(s, token)) return openCircuit(engine, s, token, detail);
      if (attempt > 1 && isFresh(engine, token)) {
        // A token minted moments ago was refused: the app is refused, unless a newer mint revoked it.
        // Only once per request: a newer token refused as well is no longer explained by invalidation.
        await invalidate(engine, s, token);
        const newer = attempt === 2 ? await withSignal(findNewer(s, token), signal) : undefined;
        if (!newer) return openCircuit(engine, s, token, detail);
        engine.counters.unauthorized.retried += 1;
        return newer;
      }
      // A retry was refused with a token that is not fresh: give the 401 back rather than loop.
      if (attempt > 1) return undefined;
      await invalidate(engine, s, token);
      const next = await withSignal(blocking(s, "unauthorized"), signal);
      if (next.fingerprint === token.fingerprint) return undefined;
      engine.counters.unauthorized.retried += 1;
      return next;
    },

    accepted(token) {
      // On every call: a field check while no circuit is known, nothing more.
      const s = slot;
      if (s?.circuit === undefined || s.opening) return;
      if (provesRecovery(s.circuit, token, now())) void confirmRecovery(engine, s);
    },

    stats() {
      const s = slot;
      const circuit = s?.circuit;
      const at = now();
      const { circuitOpened, fastFailures, ...counters } = structuredClone(engine.counters);
      return {
        credential: s?.keys.credential ?? "",
        store: store.name,
        ...counters,
        circuit: {
          state: !circuit
            ? "closed"
            : circuit.state === "open" && at < circuit.openUntil
              ? "open"
              : "half-open",
          ...(circuit ? { openUntil: circuit.openUntil, coolDownMs: circuit.coolDownMs } : {}),
          opened: circuitOpened,
          fastFailures,
        },
        degraded: engine.guard.stats(),
      };
    },
  };
}

function withSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  return signal ? raceAbort(promise, signal) : promise;
}
