/**
 * Apps, their secrets and the tokens minted for them. Tokens are opaque random strings; the registry is
 * the only place that ever holds one, everything it hands out for inspection is keyed by fingerprint.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { DEFAULT_SCOPES } from "../defaults.js";
import { fingerprint } from "../fingerprint.js";
import type { TokenModel } from "../token-model.js";
import type { SimulatorApp } from "../types.js";

/** How tokens minted with the old secret fare in a rotation: kept, revoked when the grace ends, or now. */
export const OLD_TOKEN_POLICIES = ["keep", "revoke-at-grace-end", "revoke-now"] as const;
export type OldTokenPolicy = (typeof OLD_TOKEN_POLICIES)[number];

/** Use of one token, as `stats().tokens` shows it (keyed by fingerprint). */
export interface TokenUse {
  clientId: string;
  uses: number;
  mintedAt: string;
  expiresAt: string;
  /** `live`, `expired` or `revoked` when the stats were read. */
  state: "live" | "expired" | "revoked";
}

interface SecretState {
  value: string;
  version: number;
  /** Epoch ms after which the secret no longer mints; `null` while it is the current one. */
  retiresAt: number | null;
}

/** An app as the registry keeps it. */
export interface AppState {
  accountId: string;
  clientId: string;
  scopes: string[];
  secrets: SecretState[];
  /** Secret version -> epoch ms from which the tokens minted with that secret are revoked. */
  revokeTokensOf: Map<number, number>;
  /** Tokens in mint order, for the token models. */
  minted: TokenRecord[];
}

export interface TokenRecord {
  fingerprint: string;
  clientId: string;
  secretVersion: number;
  /** Scopes granted at mint time, less any removed since (a re-grant never reaches an existing token). */
  scopes: string[];
  mintedAt: number;
  expiresAt: number;
  revoked: boolean;
  uses: number;
}

export type TokenCheck =
  | { ok: true; token: TokenRecord; app: AppState }
  | { ok: false; cause: "unknown" | "expired" | "revoked" };

export type ClientCheck =
  | { ok: true; app: AppState; secretVersion: number }
  | { ok: false; code: 4702 | 4704 };

/** Records kept before expired and revoked ones are forgotten (they then count as unknown). */
const MAX_RECORDS = 50_000;

export class TokenRegistry {
  readonly apps = new Map<string, AppState>();
  private readonly tokens = new Map<string, TokenRecord>();
  private sweepAt = MAX_RECORDS;

  private readonly now: () => number;

  constructor(apps: readonly SimulatorApp[], now: () => number) {
    this.now = now;
    for (const app of apps) this.addApp(app);
  }

  addApp(app: SimulatorApp): void {
    this.apps.set(app.clientId, {
      accountId: app.accountId,
      clientId: app.clientId,
      scopes: [...(app.scopes ?? DEFAULT_SCOPES)],
      secrets: [{ value: app.clientSecret, version: 1, retiresAt: null }],
      revokeTokensOf: new Map(),
      minted: [],
    });
  }

  /** Checks client credentials: 4702 for an unknown client, 4704 for a wrong or retired secret. */
  checkClient(clientId: string, secret: string): ClientCheck {
    const app = this.apps.get(clientId);
    if (!app) return { ok: false, code: 4702 };
    const now = this.now();
    const match = app.secrets.find(
      (s) => (s.retiresAt === null || now < s.retiresAt) && sameText(s.value, secret),
    );
    return match ? { ok: true, app, secretVersion: match.version } : { ok: false, code: 4704 };
  }

  /** Mints a token for an authenticated app and applies the token model to its older tokens. */
  mint(
    app: AppState,
    secretVersion: number,
    ttlSeconds: number,
    model: TokenModel,
    scopes: readonly string[],
  ): string {
    const now = this.now();
    const value = randomBytes(48).toString("base64url");
    const record: TokenRecord = {
      fingerprint: fingerprint(value),
      clientId: app.clientId,
      secretVersion,
      scopes: [...scopes],
      mintedAt: now,
      expiresAt: now + ttlSeconds * 1000,
      revoked: false,
      uses: 0,
    };
    if (model === "multi") {
      app.minted.push(record);
    } else {
      // Older tokens beyond the model's allowance are revoked, newest kept: Zoom's pre-2023 behaviour.
      const keep = model === "invalidate-previous" ? 0 : model.maxLive - 1;
      const live = app.minted.filter((t) => this.isLive(app, t, now));
      const kept = keep > 0 ? live.slice(-keep) : [];
      for (const old of live.slice(0, live.length - kept.length)) old.revoked = true;
      app.minted = [...kept, record];
    }
    this.tokens.set(value, record);
    if (this.tokens.size > this.sweepAt) {
      this.forgetDead(now);
      // Sweeping is O(records); doubling the threshold keeps a mint storm of live tokens amortised O(1).
      this.sweepAt = Math.max(MAX_RECORDS, this.tokens.size * 2);
    }
    return value;
  }

  /** Looks a presented token up; counts a use when it is accepted. */
  check(value: string): TokenCheck {
    const token = this.tokens.get(value);
    if (!token) return { ok: false, cause: "unknown" };
    const app = this.apps.get(token.clientId);
    const now = this.now();
    if (!app || token.revoked || this.revokedByRotation(app, token, now))
      return { ok: false, cause: "revoked" };
    if (now >= token.expiresAt) return { ok: false, cause: "expired" };
    token.uses += 1;
    return { ok: true, token, app };
  }

  /**
   * Rotates an app's secret: the new one mints at once; the old one until `graceSeconds` pass. Tokens
   * minted with the old secret are kept, revoked when the grace ends, or revoked now.
   */
  rotate(app: AppState, newSecret: string, graceSeconds: number, oldTokens: OldTokenPolicy): void {
    const now = this.now();
    const retiresAt = now + graceSeconds * 1000;
    const current = app.secrets.filter((s) => s.retiresAt === null);
    for (const secret of current) {
      secret.retiresAt = retiresAt;
      if (oldTokens === "revoke-now") app.revokeTokensOf.set(secret.version, now);
      if (oldTokens === "revoke-at-grace-end") app.revokeTokensOf.set(secret.version, retiresAt);
    }
    const version = Math.max(0, ...app.secrets.map((s) => s.version)) + 1;
    app.secrets = [
      ...app.secrets.filter((s) => s.retiresAt === null || s.retiresAt > now),
      { value: newSecret, version, retiresAt: null },
    ];
  }

  /** Revokes every live token of one app, or of all apps. Returns how many were revoked. */
  revokeAll(clientId?: string): number {
    const now = this.now();
    let revoked = 0;
    for (const app of this.apps.values()) {
      if (clientId !== undefined && app.clientId !== clientId) continue;
      for (const token of app.minted) {
        if (this.isLive(app, token, now)) {
          token.revoked = true;
          revoked += 1;
        }
      }
    }
    return revoked;
  }

  /**
   * Takes scopes away from every token of an app, live or not: a token keeps the scopes of its mint time,
   * so a scope granted again later reaches only tokens minted after that.
   */
  stripScopes(clientId: string, scopes: readonly string[]): void {
    const removed = new Set(scopes);
    for (const token of this.tokens.values()) {
      if (token.clientId === clientId) token.scopes = token.scopes.filter((s) => !removed.has(s));
    }
  }

  liveCounts(): Record<string, number> {
    const now = this.now();
    const counts: Record<string, number> = {};
    for (const app of this.apps.values())
      counts[app.clientId] = app.minted.filter((t) => this.isLive(app, t, now)).length;
    return counts;
  }

  usage(): Record<string, TokenUse> {
    const now = this.now();
    const out: Record<string, TokenUse> = {};
    for (const token of this.tokens.values()) {
      const app = this.apps.get(token.clientId);
      const revoked = !app || token.revoked || this.revokedByRotation(app, token, now);
      out[token.fingerprint] = {
        clientId: token.clientId,
        uses: token.uses,
        mintedAt: new Date(token.mintedAt).toISOString(),
        expiresAt: new Date(token.expiresAt).toISOString(),
        state: revoked ? "revoked" : now >= token.expiresAt ? "expired" : "live",
      };
    }
    return out;
  }

  /** Zeroes the per-token use counts (stats reset). */
  resetUses(): void {
    for (const token of this.tokens.values()) token.uses = 0;
  }

  private isLive(app: AppState, token: TokenRecord, now: number): boolean {
    return !token.revoked && now < token.expiresAt && !this.revokedByRotation(app, token, now);
  }

  private revokedByRotation(app: AppState, token: TokenRecord, now: number): boolean {
    const at = app.revokeTokensOf.get(token.secretVersion);
    return at !== undefined && now >= at;
  }

  private forgetDead(now: number): void {
    for (const [value, token] of this.tokens) {
      const app = this.apps.get(token.clientId);
      if (!app || !this.isLive(app, token, now)) this.tokens.delete(value);
    }
    for (const app of this.apps.values()) app.minted = app.minted.filter((t) => this.isLive(app, t, now));
  }
}

/** Constant-time comparison, so the simulator does not model a timing side channel Zoom would not have. */
function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
