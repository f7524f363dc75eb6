/**
 * `createTokenProvider`: the token engine. One token per credential for the whole fleet, shared through
 * a `TokenStore`; a per-process copy with no I/O on the hot path; refresh ahead in the background by
 * one process; 401s handled once; missing scopes per operation; failed mints backed off fleet-wide; a
 * shared circuit with a diagnosis when the app is refused. This file assembles the parts.
 */
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { withSignal } from "../abort.js";
import { ZoomAuthError } from "../errors.js";
import type { MintReason } from "../events.js";
import { emit } from "../events.js";
import { MISSING_SCOPES_CODE } from "../missing-scopes.js";
import { createMemoryStore } from "../stores/memory-store.js";
import { activeMeter, detached, inSpan } from "../telemetry/otel.js";
import { observeTokenStats } from "../telemetry/token-metrics.js";
import { acquire } from "./acquire.js";
import { confirmAt, isOpen } from "./circuit.js";
import { readClientSecret } from "./client-secret.js";
import type { Engine } from "./engine.js";
import { createGuardedStore } from "./guarded-store.js";
import { credentialKeys } from "./keys.js";
import { createLocalWindow, HOUR_MS } from "./mint-budget.js";
import { resolveOptions, type TokenProviderOptions, validateOptions } from "./options.js";
import { createRecordCodec } from "./record-codec.js";
import { onMissingScopes } from "./scopes.js";
import { confirmRecovery, passCircuit, provesRecovery, readCircuit } from "./shared-circuit.js";
import { type Cached, createSlot, type Slot } from "./slot.js";
import { createTokenFleet, type TokenFleet } from "./token-fleet.js";
import { createCounters, type StoreEncryption, snapshot, type TokenStats } from "./token-stats.js";
import type { AccessToken, RejectionDetail, TokenProvider, TokenStore } from "./types.js";
import { onUnauthorized } from "./unauthorized.js";

export type { TokenProviderOptions } from "./options.js";

/** The span of a caller waiting for a token (none on the hot path: a token at hand is not a wait). */
const TOKEN_WAIT = "zoomkit.token.wait";
const WAIT_REASON = "zoomkit.token.wait.reason";

/** The token engine: a `TokenProvider` with statistics. */
export interface ZoomTokenProvider extends TokenProvider {
  /** The API took `token` (any answer but 401 or 5xx): closes the circuit at once if `token` was a probe, or the cool-down is over; a replacement token taken is a token like any other again. */
  accepted(token: AccessToken): void;
  /** A request was refused for a missing scope (4711): one fresh token for the fleet at most once per `scopeRecheckMs`. */
  scopesMissing(
    token: AccessToken,
    detail: RejectionDetail,
    options: { signal?: AbortSignal },
  ): Promise<AccessToken | undefined>;
  /** What the engine did in this process (counters are cumulative). */
  stats(): TokenStats;
  /**
   * Stops the engine: releases a lease it holds, stops lease renewals and waits, abandons a mint in
   * flight, closes the store only if the provider created it (the default memory store), and leaves
   * nothing running that keeps the process alive. Later calls reject with code `closed`.
   */
  close(): Promise<void>;
  /** The store in use. */
  readonly store: TokenStore;
  /** Operator actions on the fleet's shared state: inspect it, reset the circuit, drop the token. */
  readonly fleet: TokenFleet;
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
  validateOptions(options);
  const now = options.now ?? Date.now;
  const store = options.store ?? createMemoryStore();
  const renewable = store.capabilities.leaseRenewal === true && typeof store.renewLease === "function";
  const resolved = resolveOptions(options, renewable);
  const closing = new AbortController();
  const engine: Engine = {
    options: resolved,
    store: createGuardedStore({
      store,
      timeoutMs: resolved.storeTimeoutMs,
      retryMs: resolved.storeRetryMs,
      hooks: options.hooks,
      now,
    }),
    codec: createRecordCodec(options.encryptionKey),
    counters: createCounters(),
    hooks: options.hooks,
    now,
    random: Math.random,
    // Names the process in `zoomkit token status` ("minted by"); the random part keeps two engines in one process apart.
    holder: `${hostname()}/${process.pid}/${randomBytes(4).toString("hex")}`,
    localMints: createLocalWindow(HOUR_MS, now),
    closing: closing.signal,
    leases: new Set(),
  };
  const storeEncryption = encryptionOf(engine.codec.encrypted, store);
  if (storeEncryption === "plaintext") {
    emit(options.hooks, "storeUnencrypted", {
      store: store.name,
      message: `The ${store.name} token store is shared but records are not encrypted: anyone who can read it holds a Zoom token for the whole account. Set encryptionKey (32 bytes, \`openssl rand -base64 32\`).`,
    });
  }
  let slot: Slot | undefined;
  let lastSecret: string | undefined;

  /** The slot of the current secret; a changed secret gets a new slot (new key, new token). */
  const current = (): Slot => {
    const secret = readClientSecret(options.clientSecret, resolved.accountId, resolved.clientId);
    if (secret === lastSecret && slot) return slot;
    const firstReason: MintReason = slot ? "rotation" : "cold";
    lastSecret = secret;
    slot = createSlot(
      credentialKeys(resolved.keyPrefix, resolved.accountId, resolved.clientId, secret),
      secret,
      firstReason,
    );
    return slot;
  };

  const blocking = (s: Slot, hint?: MintReason): Promise<AccessToken> =>
    s.acquiring.join(async () => {
      // A background refresh already on its way is the token we would mint: wait for it, do not mint twice.
      if (s.refreshing.active) await s.refreshing.active;
      if (s.cached && engine.now() < s.cached.usableUntil) return s.cached.token;
      return (await acquire(engine, s, { mode: "blocking", ...(hint ? { hint } : {}) }))!;
    });

  /** A caller with no usable token at hand: through the circuit's gate while it is open, else the shared acquire. */
  const slowPath = async (s: Slot): Promise<AccessToken> => {
    if (isOpen(s.circuit, now())) {
      const probe = await passCircuit(engine, s);
      if (probe) return probe;
    }
    return blocking(s);
  };

  /** Past `checkAt` but still usable: refresh in the background, confirm a probe's recovery. */
  const maintain = (s: Slot, cached: Cached, at: number): void => {
    if (s.circuit && !s.opening.active && at >= confirmAt(s.circuit, resolved.circuitConfirmMs)) {
      void confirmRecovery(engine, s);
    }
    if (at < cached.refreshAt) {
      cached.checkAt = cached.refreshAt;
      return;
    }
    // Try again after a short pause if this attempt does not produce a fresh token (another process holds
    // the lease), or when the fleet's backoff after failed mints ends.
    const pause = Math.min(1_000, Math.max(5, (cached.usableUntil - at) / 8));
    const retryAt = s.failure && s.failure.retryAt > at ? s.failure.retryAt : at + pause;
    cached.checkAt = Math.min(retryAt, cached.usableUntil);
    // A trace of its own, not a child of the request that happened to notice the refresh was due.
    void s.refreshing.join(() => detached(() => inSpan("zoomkit.token.refresh", {}, () => refresh(s))));
  };

  const refresh = async (s: Slot): Promise<void> => {
    try {
      await acquire(engine, s, { mode: "refresh" });
    } catch (error) {
      engine.counters.refreshFailures += 1;
      emit(engine.hooks, "refreshFailed", {
        credential: s.keys.credential,
        error: error instanceof Error ? error : new Error("refresh failed"),
      });
    }
  };

  // async: an unusable clientSecret function rejects, never throws at the pipeline synchronously.
  const scopesMissing: ZoomTokenProvider["scopesMissing"] = async (token, _detail, { signal }) => {
    const s = current();
    const fresh = (replacing: string) =>
      acquire(engine, s, { mode: "blocking", hint: "scopes", replacing }) as Promise<AccessToken>;
    const wait = () => onMissingScopes(engine, s, token, fresh);
    return withSignal(inSpan(TOKEN_WAIT, { [WAIT_REASON]: "scopes" }, wait), signal);
  };

  const stats = (): TokenStats =>
    snapshot(engine.counters, {
      credential: slot?.keys.credential ?? "",
      store: store.name,
      storeEncryption,
      circuit: slot?.circuit,
      failure: slot?.failure,
      degraded: engine.store.stats(),
      now: now(),
    });
  const meter = activeMeter();
  const unobserve = meter === undefined ? undefined : observeTokenStats(meter, stats);

  const closedError = () =>
    new ZoomAuthError("closed", "The token provider was closed (close()): no token is handed out any more.");

  return {
    store,
    fleet: createTokenFleet(engine, current),
    getToken(getOptions) {
      if (closing.signal.aborted) return Promise.reject(closedError());
      let s: Slot;
      try {
        s = current();
      } catch (error) {
        return Promise.reject(error);
      }
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
      return withSignal(
        inSpan(TOKEN_WAIT, { [WAIT_REASON]: "no_token" }, () => slowPath(s)),
        getOptions?.signal,
      );
    },

    async unauthorized(token, detail, { attempt, signal }) {
      if (detail.zoomCode === MISSING_SCOPES_CODE) return scopesMissing(token, detail, { signal });
      engine.counters.unauthorized.seen += 1;
      const s = current();
      return inSpan(TOKEN_WAIT, { [WAIT_REASON]: "unauthorized" }, () =>
        onUnauthorized(engine, s, {
          token,
          detail,
          attempt,
          signal,
          next: () => withSignal(blocking(s, "unauthorized"), signal),
        }),
      );
    },

    scopesMissing,

    accepted(token) {
      // On every call: a field check while no circuit is known, nothing more.
      const s = slot;
      // A replacement the API took is no suspect any more (a field check on the hot path).
      if (token.replaces !== undefined && s !== undefined) s.tookReplacement = token.fingerprint;
      if (s?.circuit === undefined || s.opening.active) return;
      const at = now();
      if (provesRecovery(s, token, at)) void confirmRecovery(engine, s);
      // Served while this process still believes the circuit open (it picked a token up from the store
      // as another process's probe closed it): re-read the record when due, so the recovery reaches this
      // process within circuitRecheckMs, as it reaches the processes that fail fast.
      else if (at - s.circuitReadAt >= resolved.circuitRecheckMs)
        void s.circuitRead.join(() => readCircuit(engine, s));
    },

    stats,

    async close() {
      if (closing.signal.aborted) return;
      closing.abort(closedError());
      unobserve?.();
      await Promise.all([...engine.leases].map((lease) => lease.release()));
      if (options.store === undefined) await store.close();
    },
  };
}

/** `sealed` with a key; without one, `plaintext` when other processes read the store. */
function encryptionOf(encrypted: boolean, store: TokenStore): StoreEncryption {
  if (encrypted) return "sealed";
  return store.capabilities.shared ? "plaintext" : "in-process";
}
