/**
 * Page cursors (Zoom's opaque `next_page_token`): each remembers the list it belongs to and where the last
 * page stopped, and lives 15 minutes as on Zoom. Any paged list uses them (meetings, users, participants).
 */
import { randomBytes } from "node:crypto";

const CURSOR_TTL_MS = 15 * 60_000;
/** Above this many cursors, expired ones are swept at the next issue. */
const SWEEP_ABOVE = 10_000;

export class CursorStore {
  private readonly cursors = new Map<string, { key: string; after: number; expiresAt: number }>();
  private readonly now: () => number;

  constructor(now: () => number) {
    this.now = now;
  }

  /** A new cursor for the list `key` that continues after position `after`. */
  issue(key: string, after: number): string {
    const now = this.now();
    if (this.cursors.size > SWEEP_ABOVE) {
      for (const [token, c] of this.cursors) if (c.expiresAt <= now) this.cursors.delete(token);
    }
    const token = randomBytes(24).toString("base64url");
    this.cursors.set(token, { key, after, expiresAt: now + CURSOR_TTL_MS });
    return token;
  }

  /** Where a cursor continues from; `undefined` for a cursor that is unknown, expired or for another list. */
  resume(token: string, key: string): number | undefined {
    const c = this.cursors.get(token);
    return c && c.key === key && c.expiresAt > this.now() ? c.after : undefined;
  }

  clear(): void {
    this.cursors.clear();
  }
}
