/**
 * Store keys of one credential. The cache key is made of the account id, the client id and a
 * fingerprint of the secret, so a rotated secret never reuses a token minted with the old one, and the
 * secret itself never reaches the store. Every key of one credential shares a `{...}` hash tag, so a
 * Redis Cluster keeps them in one slot (TokenStore contract).
 */
import { fingerprint } from "./fingerprint.js";

/** The keys and names of one credential (account, client, secret fingerprint). */
export interface CredentialKeys {
  /** Short fingerprint of (account, client, secret): safe to log, names the credential in hooks. */
  readonly credential: string;
  /** Fingerprint of the secret alone. */
  readonly secretFingerprint: string;
  /** The token record. */
  readonly token: string;
  /** The mint lease (one minter per credential across the fleet). */
  readonly lease: string;
  /** The shared circuit record (open-until, cool-down). */
  readonly circuit: string;
  /** Mint events, counted per rolling hour. */
  readonly mints: string;
  /** The fleet's last failed mint (backoff). */
  readonly failures: string;
  /** While the circuit is open: who sends the next probe request (one process at a time). */
  readonly probe: string;
  /** The last fleet-wide scope re-check (a fresh token after a 4711). */
  readonly scopeCheck: string;
}

/** Characters that could break the hash tag or a key's structure are escaped. */
function safe(part: string): string {
  return encodeURIComponent(part).replace(/[{}]/g, (c) => (c === "{" ? "%7B" : "%7D"));
}

/**
 * The keys of one credential under `prefix`.
 *
 * @example
 * credentialKeys("zoomkit:", "acc", "cid", "s3cret").token // "zoomkit:{acc:cid:3b1f...}:token"
 */
export function credentialKeys(
  prefix: string,
  accountId: string,
  clientId: string,
  secret: string,
): CredentialKeys {
  const secretFingerprint = fingerprint(secret);
  const tag = `{${safe(accountId)}:${safe(clientId)}:${secretFingerprint}}`;
  const base = `${prefix}${tag}`;
  return {
    credential: fingerprint(accountId, clientId, secretFingerprint),
    secretFingerprint,
    token: `${base}:token`,
    lease: `${base}:lease`,
    circuit: `${base}:circuit`,
    mints: `${base}:mints`,
    failures: `${base}:mintfail`,
    probe: `${base}:probe`,
    scopeCheck: `${base}:scopecheck`,
  };
}
