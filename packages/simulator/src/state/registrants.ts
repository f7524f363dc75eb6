/**
 * The registrants of one meeting or webinar. Registering needs registration on (`approval_type` 0: approved
 * at once, 1: pending until approved; 2 means no registration). Registering an email again returns the
 * existing registration, as Zoom does. Ids are random (Zoom's are opaque strings); positions order pages.
 */
import { randomBytes } from "node:crypto";
import { zoomTime } from "../time.js";

export type RegistrantStatus = "approved" | "pending" | "denied";

export interface RegistrantRecord {
  id: string;
  seq: number;
  email: string;
  firstName: string;
  lastName: string;
  /** Every other documented field sent at registration (address, org, custom_questions, ...). */
  fields: Record<string, unknown>;
  status: RegistrantStatus;
  createdAt: number;
  joinKey: string;
}

export interface RegistrantInput {
  email: string;
  first_name: string;
  last_name?: string;
  [field: string]: unknown;
}

export class RegistrantBook {
  private readonly registrants: RegistrantRecord[] = [];
  private seq = 0;

  /** Registers an email (or returns its registration) with the status the approval type gives. */
  register(input: RegistrantInput, approvalType: number, now: number): RegistrantRecord {
    const existing = this.byEmail(input.email);
    if (existing) return existing;
    const { email, first_name, last_name, auto_approve, ...fields } = input;
    const record: RegistrantRecord = {
      id: randomBytes(16).toString("base64url"),
      seq: ++this.seq,
      email,
      firstName: first_name,
      lastName: last_name ?? "",
      fields,
      status: approvalType === 0 || auto_approve === true ? "approved" : "pending",
      createdAt: now,
      joinKey: randomBytes(18).toString("base64url"),
    };
    this.registrants.push(record);
    return record;
  }

  list(status?: RegistrantStatus): RegistrantRecord[] {
    return status ? this.registrants.filter((r) => r.status === status) : [...this.registrants];
  }

  get(id: string): RegistrantRecord | undefined {
    return this.registrants.find((r) => r.id === id);
  }

  byEmail(email: string): RegistrantRecord | undefined {
    const lower = email.toLowerCase();
    return this.registrants.find((r) => r.email.toLowerCase() === lower);
  }

  remove(id: string): boolean {
    const index = this.registrants.findIndex((r) => r.id === id);
    if (index < 0) return false;
    this.registrants.splice(index, 1);
    return true;
  }

  /**
   * Approve, deny or cancel (a cancelled registration is denied) the named registrants, or all of them;
   * returns the ones whose status changed.
   */
  setStatus(
    action: "approve" | "deny" | "cancel",
    who: { id?: string; email?: string }[] | undefined,
  ): RegistrantRecord[] {
    const targets =
      who === undefined || who.length === 0
        ? this.registrants
        : this.registrants.filter((r) =>
            who.some(
              (w) =>
                w.id === r.id || (w.email !== undefined && w.email.toLowerCase() === r.email.toLowerCase()),
            ),
          );
    const status = action === "approve" ? "approved" : "denied";
    const changed = targets.filter((r) => r.status !== status);
    for (const r of changed) r.status = status;
    return changed;
  }
}

/** A registrant as Zoom lists and returns it; `joinUrl` is the event's join URL for this registrant. */
export function registrantBody(r: RegistrantRecord, joinUrl: string): Record<string, unknown> {
  return {
    id: r.id,
    first_name: r.firstName,
    last_name: r.lastName,
    email: r.email,
    ...r.fields,
    status: r.status,
    create_time: zoomTime(r.createdAt),
    join_url: `${joinUrl}?tk=${r.joinKey}`,
  };
}
