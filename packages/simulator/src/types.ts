/**
 * Plain public types with no schema behind them: the apps and users the simulator knows. The switch,
 * incident and seed types are derived from their zod schemas (`switches.ts`, `incidents/`, `seeds.ts`).
 */

/** A Server-to-Server OAuth app the token endpoint accepts. */
export interface SimulatorApp {
  accountId: string;
  clientId: string;
  clientSecret: string;
  /**
   * Scopes granted to the app; sent back as the token's space-separated `scope`.
   * @default DEFAULT_SCOPES: the classic admin scopes (read and write) of meetings, recordings, reports, users and webinars
   */
  scopes?: string[];
}

/** A user of an account; a meeting host. `userId` in paths may be the id or the email. */
export interface SimulatorUser {
  id: string;
  email: string;
  first_name?: string;
  last_name?: string;
  /** Owning account; a user without one belongs to every configured account. */
  accountId?: string;
  /** @default "UTC" */
  timezone?: string;
}

/** Outcome of an `endpoint.url_validation` challenge. */
export interface UrlValidationResult {
  ok: boolean;
  status: number | null;
  /** Why it failed, when it did. */
  reason?: string;
}
