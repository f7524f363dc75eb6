/**
 * Users of the configured accounts. A path's `userId` may be the id or the email (case-insensitive), as
 * on Zoom; `me` stands for the account's first user (its owner), which is what an S2S token acts as.
 * Users can be added, changed, deactivated and removed through the API; `reset()` restores the configured ones.
 */
import { randomBytes } from "node:crypto";
import type { SimulatorUser } from "../types.js";
import { defaultUserSettings, type UserSettings } from "./user-settings.js";

export type UserStatus = "active" | "inactive" | "pending";

export interface UserRecord {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  accountId: string | undefined;
  timezone: string;
  pmi: number;
  createdAt: string;
  status: UserStatus;
  /** 1 basic, 2 licensed, 3 on-prem, 99 none. */
  type: 1 | 2 | 3 | 99;
  /** Other profile fields set through `PATCH /users/{userId}` (dept, job_title, company, ...). */
  profile: Record<string, unknown>;
  settings: UserSettings;
}

export class UserDirectory {
  private users: UserRecord[] = [];
  private readonly configured: readonly SimulatorUser[];
  private readonly createdAt: string;

  constructor(users: readonly SimulatorUser[], createdAt: string) {
    this.configured = users;
    this.createdAt = createdAt;
    this.reset();
  }

  /** Back to the configured users (with default settings). */
  reset(): void {
    const seen = new Set<string>();
    this.users = this.configured.map((u, index) => {
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
        createdAt: this.createdAt,
        status: "active",
        type: 2,
        profile: {},
        settings: defaultUserSettings(),
      };
    });
  }

  /** Adds a user to an account; `undefined` when the email is taken. */
  add(
    accountId: string,
    input: { email: string; first_name?: string; last_name?: string; type: 1 | 2 | 3 | 99 },
    status: UserStatus,
    createdAt: string,
  ): UserRecord | undefined {
    if (this.users.some((u) => u.email.toLowerCase() === input.email.toLowerCase())) return undefined;
    const record: UserRecord = {
      id: `sImUsEr${randomId()}`,
      email: input.email,
      firstName: input.first_name ?? "",
      lastName: input.last_name ?? "",
      accountId,
      timezone: "UTC",
      pmi: 5_560_000_000 + this.users.length * 1_111,
      createdAt,
      status,
      type: input.type,
      profile: {},
      settings: defaultUserSettings(),
    };
    this.users.push(record);
    return record;
  }

  remove(user: UserRecord): void {
    this.users = this.users.filter((u) => u !== user);
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
    type: u.type,
    pmi: u.pmi,
    timezone: u.timezone,
    verified: 1,
    dept: "",
    created_at: u.createdAt,
    user_created_at: u.createdAt,
    last_login_time: u.createdAt,
    language: "en-US",
    ...u.profile,
    status: u.status,
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

function randomId(): string {
  return randomBytes(12).toString("base64url");
}
