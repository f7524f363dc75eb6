/**
 * Users of the configured accounts. A path's `userId` may be the id or the email (case-insensitive), as
 * on Zoom; `me` stands for the account's first user (its owner), which is what an S2S token acts as.
 */
import type { SimulatorUser } from "../types.js";

export interface UserRecord {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  accountId: string | undefined;
  timezone: string;
  pmi: number;
  createdAt: string;
}

export class UserDirectory {
  private readonly users: UserRecord[];

  constructor(users: readonly SimulatorUser[], createdAt: string) {
    const seen = new Set<string>();
    this.users = users.map((u, index) => {
      for (const key of [u.id, u.email.toLowerCase()]) {
        if (seen.has(key)) throw new TypeError(`Duplicate simulator user id or email: ${key}`);
        seen.add(key);
      }
      return {
        id: u.id,
        email: u.email,
        firstName: u.first_name ?? "",
        lastName: u.last_name ?? "",
        accountId: u.accountId,
        timezone: u.timezone ?? "UTC",
        // Personal meeting ids are 10 digits; derived from the position so runs are repeatable.
        pmi: 5_550_000_000 + index * 1_111,
        createdAt,
      };
    });
  }

  /** The users an account can see: its own and the ones not tied to an account. */
  list(accountId: string): UserRecord[] {
    return this.users.filter((u) => u.accountId === undefined || u.accountId === accountId);
  }

  find(accountId: string, userId: string): UserRecord | undefined {
    const visible = this.list(accountId);
    if (userId === "me") return visible[0];
    const email = userId.toLowerCase();
    return visible.find((u) => u.id === userId || u.email.toLowerCase() === email);
  }

  /** Any account's user, by id or email (for seeding). */
  findAnywhere(userId: string): UserRecord | undefined {
    const email = userId.toLowerCase();
    return this.users.find((u) => u.id === userId || u.email.toLowerCase() === email);
  }

  isOwner(accountId: string, user: UserRecord): boolean {
    return this.list(accountId)[0] === user;
  }
}

/** `GET /users` list item. */
export function userSummary(u: UserRecord, owner: boolean, accountId: string): Record<string, unknown> {
  return {
    id: u.id,
    first_name: u.firstName,
    last_name: u.lastName,
    display_name: `${u.firstName} ${u.lastName}`.trim() || u.email,
    email: u.email,
    type: 2,
    pmi: u.pmi,
    timezone: u.timezone,
    verified: 1,
    dept: "",
    created_at: u.createdAt,
    user_created_at: u.createdAt,
    last_login_time: u.createdAt,
    language: "en-US",
    status: "active",
    role_id: owner ? "0" : "2",
    account_id: u.accountId ?? accountId,
  };
}

/** `GET /users/{userId}` body. */
export function userDetails(
  u: UserRecord,
  owner: boolean,
  accountId: string,
  url: string,
): Record<string, unknown> {
  return {
    ...userSummary(u, owner, accountId),
    role_name: owner ? "Owner" : "Member",
    use_pmi: false,
    personal_meeting_url: `${url}/j/${u.pmi}`,
    phone_number: "",
    account_number: 10_000_001,
    cluster: "sim01",
    group_ids: [],
    login_types: [100],
  };
}
