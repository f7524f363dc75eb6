/**
 * The contracts of the token engine: what the request pipeline needs from a token provider. What the
 * provider needs from a shared store (`TokenStore`) lives with the rest of the store kit in
 * `../stores/contract.ts`, re-exported here for the engine's imports.
 */
export type { StoreCapabilities, StoreLease, StoreRecord, TokenStore } from "../stores/contract.js";

/** A usable access token as the pipeline sees it. */
export interface AccessToken {
  /** The bearer token. Never log it. */
  readonly value: string;
  /** Short, non-reversible fingerprint of the token (safe to log). */
  readonly fingerprint: string;
  /** Epoch ms after which the token must not be used (computed from before the mint request was sent). */
  readonly expiresAt: number;
  /** Epoch ms when the mint request was sent. */
  readonly mintedAt: number;
  /** Store generation of the record this token came from (0 when not from a store). */
  readonly generation: number;
  /** Scopes granted, from the token response. */
  readonly scopes: readonly string[];
  /** The account's API host from the token response (e.g. `https://api.zoom.us`), if given. */
  readonly apiUrl?: string;
  /** The process that minted it (`host/pid/random`, its lease holder name), when known: for operators, never trusted. */
  readonly mintedBy?: string;
  /**
   * Fingerprint of the refused token this one was minted to replace, when it was. Its refusal while it
   * is fresh is the fleet's second refusal in a row: the app is diagnosed, no further token is minted.
   */
  readonly replaces?: string;
}

/** What the API said when it refused a token. */
export interface RejectionDetail {
  status: number;
  /** Zoom's error code (124 invalid token, 4711 missing scopes...), when the body had one. */
  zoomCode?: number;
  message?: string;
}

/** The source of tokens for the request pipeline. The token engine implements it. */
export interface TokenProvider {
  /** A token that is usable now. Throws `ZoomAuthError` when none can be had. */
  getToken(options?: { signal?: AbortSignal }): Promise<AccessToken>;
  /**
   * The API answered 401 for `token` on a request's `attempt` (1 = first try). Resolves the token to
   * retry with, `undefined` to return the 401 to the caller as it is, or throws `ZoomAuthError`
   * (`app_rejected`) when fresh tokens keep being refused.
   */
  unauthorized(
    token: AccessToken,
    detail: RejectionDetail,
    options: { attempt: number; signal?: AbortSignal },
  ): Promise<AccessToken | undefined>;
  /**
   * Optional. The API refused a request made with `token` for a scope the token lacks (Zoom code 4711,
   * on any status). That concerns the request's operation only, never the app: the token stays in use.
   * Resolves a token to retry the request with once (a fresh one that may carry a scope granted since
   * `token` was minted), or `undefined` to return the refusal as it is. Without it the pipeline returns
   * the refusal as it is.
   */
  scopesMissing?(
    token: AccessToken,
    detail: RejectionDetail,
    options: { signal?: AbortSignal },
  ): Promise<AccessToken | undefined>;
  /**
   * Optional. The API answered a request made with `token` with something other than 401 or 5xx (the
   * pipeline calls it after every such response, retried or returned; a 5xx may come from a gateway
   * that never read the token). It runs on every call, so it must be cheap
   * and synchronous; anything it throws is ignored. The token engine uses it to close its circuit as
   * soon as the probe token is accepted; without it the circuit closes once the probe has gone
   * unrefused for `circuitConfirmMs`.
   */
  accepted?(token: AccessToken): void;
}
