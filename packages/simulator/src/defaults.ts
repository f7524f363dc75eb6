import type { SimulatorApp, SimulatorUser } from "./types.js";

/** Account of the default app and users. */
export const DEFAULT_ACCOUNT_ID = "sim-account-1";

/**
 * Scopes a new app is granted unless it names its own: Zoom's classic admin scopes, one read and one
 * write per product the OpenAPI document covers (so every operation it describes is allowed).
 */
export const DEFAULT_SCOPES: readonly string[] = [
  "meeting:read:admin",
  "meeting:write:admin",
  "recording:read:admin",
  "recording:write:admin",
  "report:read:admin",
  "user:read:admin",
  "user:write:admin",
  "webinar:read:admin",
  "webinar:write:admin",
];

/** The app configured when `apps` is not given; use its credentials in tests. */
export const DEFAULT_APP: Readonly<Required<SimulatorApp>> = Object.freeze({
  accountId: DEFAULT_ACCOUNT_ID,
  clientId: "sim-client-id",
  clientSecret: "sim-client-secret",
  scopes: [...DEFAULT_SCOPES],
});

/** The users configured when `users` is not given; the first is the account owner (`me`). */
export const DEFAULT_USERS: readonly SimulatorUser[] = Object.freeze([
  { id: "sImHoSt0000000000000001", email: "host@example.com", first_name: "Sim", last_name: "Host" },
  {
    id: "sImHoSt0000000000000002",
    email: "second.host@example.com",
    first_name: "Second",
    last_name: "Host",
  },
]);

/** Largest request body accepted, in bytes. */
export const DEFAULT_MAX_BODY_BYTES = 128 * 1024;
