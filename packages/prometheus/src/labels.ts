/**
 * Bounded label values. Paths never become labels: an operation is named by its path template from
 * zoomkit's operation table (`/users/{userId}`), and a path the table does not describe by `other`, so
 * a series count is fixed by the table, never by meeting ids or e-mail addresses.
 */
import { matchZoomOperation } from "@zoomkit/core";

/** The label of a request zoomkit's document does not describe. */
export const OTHER = "other";

/** The operation label of a request: its path template, or `other`. */
export function operationOf(method: string, path: string): string {
  return matchZoomOperation(method, path)?.path ?? OTHER;
}

const CATEGORIES = new Set(["Light", "Medium", "Heavy", "Resource-intensive"]);

/** Zoom's rate-limit category as its header named it, or `unknown` (a header is not a bounded value). */
export function categoryOf(category: string | undefined): string {
  return category !== undefined && CATEGORIES.has(category) ? category : "unknown";
}
