/**
 * Zoom's pagination: `page_size` (default 30, at most 300; larger values are served as 300) and an
 * opaque `next_page_token`, empty on the last page.
 */
import type { FieldError, SimContext } from "../http.js";
import type { CursorStore } from "../state/cursors.js";

export type PageRequest = { ok: true; size: number; after: number } | { ok: false; errors: FieldError[] };

export function pageRequest(c: SimContext, cursors: CursorStore, key: string): PageRequest {
  const errors: FieldError[] = [];
  const rawSize = c.req.query("page_size");
  let size = 30;
  if (rawSize !== undefined && rawSize !== "") {
    const n = Number(rawSize);
    if (!Number.isInteger(n) || n < 1) errors.push({ field: "page_size", message: "Invalid field." });
    else size = Math.min(n, 300);
  }
  let after = 0;
  const token = c.req.query("next_page_token");
  if (token) {
    const resumed = cursors.resume(token, key);
    if (resumed === undefined)
      errors.push({ field: "next_page_token", message: "Invalid or expired token." });
    else after = resumed;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, size, after };
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
