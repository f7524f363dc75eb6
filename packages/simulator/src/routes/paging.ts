/**
 * Zoom's pagination: `page_size` (default 30, at most 300; larger values are served as 300) and an
 * opaque `next_page_token`, empty on the last page, that expires after 15 minutes (state/cursors.ts).
 * A token that is unknown, expired or from another list gets Zoom's documented answer: code 300 "The next
 * page token is invalid or expired.", with HTTP 400 (most lists) or HTTP 300 (the report participant
 * lists, as Zoom documents them).
 */
import { type SimContext, zoomError } from "../http.js";
import type { CursorStore } from "../state/cursors.js";

export const EXPIRED_PAGE_TOKEN = "The next page token is invalid or expired.";

export type PageRequest = { ok: true; size: number; after: number } | { ok: false; response: Response };

export interface PageOptions {
  /** HTTP status of the answer to a bad page token. @default 400 */
  tokenStatus?: 300 | 400;
}

export function pageRequest(
  c: SimContext,
  cursors: CursorStore,
  key: string,
  options: PageOptions = {},
): PageRequest {
  const rawSize = c.req.query("page_size");
  let size = 30;
  if (rawSize !== undefined && rawSize !== "") {
    const n = Number(rawSize);
    if (!Number.isInteger(n) || n < 1) {
      const errors = [{ field: "page_size", message: "Invalid field." }];
      return { ok: false, response: zoomError(c, 400, 300, "Validation Failed.", errors) };
    }
    size = Math.min(n, 300);
  }
  let after = 0;
  const token = c.req.query("next_page_token");
  if (token) {
    const resumed = cursors.resume(token, key);
    if (resumed === undefined) {
      return { ok: false, response: zoomError(c, options.tokenStatus ?? 400, 300, EXPIRED_PAGE_TOKEN) };
    }
    after = resumed;
  }
  return { ok: true, size, after };
}

/** Items after the cursor, one page of them, and the token for the next page ("" when none). */
export function page<T>(
  items: T[],
  position: (item: T) => number,
  request: { size: number; after: number },
  cursors: CursorStore,
  key: string,
): { items: T[]; next: string } {
  const rest = items.filter((item) => position(item) > request.after);
  const chunk = rest.slice(0, request.size);
  const last = chunk.at(-1);
  const next = rest.length > chunk.length && last !== undefined ? cursors.issue(key, position(last)) : "";
  return { items: chunk, next };
}

/** Pages a list whose order is its index (positions 1..n), with the usual envelope fields. */
export function pageByIndex<T>(
  all: T[],
  request: { size: number; after: number },
  cursors: CursorStore,
  key: string,
): { items: T[]; envelope: PageEnvelope } {
  const indexed = all.map((item, i) => ({ item, position: i + 1 }));
  const { items, next } = page(indexed, (x) => x.position, request, cursors, key);
  return { items: items.map((x) => x.item), envelope: envelope(all.length, request.size, next) };
}

export interface PageEnvelope {
  page_count: number;
  page_size: number;
  total_records: number;
  next_page_token: string;
}

export function envelope(total: number, size: number, next: string): PageEnvelope {
  return {
    page_count: Math.max(1, Math.ceil(total / size)),
    page_size: size,
    total_records: total,
    next_page_token: next,
  };
}
