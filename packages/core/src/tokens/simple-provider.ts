/**
 * The simplest `TokenProvider`: one process, one cached token, one mint at a time. The token engine
 * (`createTokenProvider`) replaces it for fleets; this stays for users who bring no store.
 */
import { mintToken, type ZoomCredentials } from "./oauth.js";
import type { AccessToken, TokenProvider } from "./types.js";

export interface SimpleTokenProviderOptions {
  credentials: ZoomCredentials;
  oauthUrl: string;
  fetch: typeof fetch;
  /** Stop using a token this long before it expires. @default 60_000 */
  marginMs?: number;
  now?: () => number;
}

/** A single-process token provider with single-flight minting. */
export function createSimpleTokenProvider(options: SimpleTokenProviderOptions): TokenProvider {
  const now = options.now ?? Date.now;
  const marginMs = options.marginMs ?? 60_000;
  let current: AccessToken | undefined;
  let inflight: Promise<AccessToken> | undefined;

  const mint = (): Promise<AccessToken> => {
    inflight ??= mintToken({
      credentials: options.credentials,
      oauthUrl: options.oauthUrl,
      fetch: options.fetch,
      now,
    })
      .then((token) => {
        current = token;
        return token;
      })
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  };

  return {
    async getToken() {
      if (current && current.expiresAt - marginMs > now()) return current;
      return mint();
    },
    async unauthorized(token, _detail, { attempt }) {
      if (attempt > 1) return undefined;
      if (current?.fingerprint === token.fingerprint) current = undefined;
      return current ?? mint();
    },
  };
}
