/**
 * What observers say about a request: its operation (path template, operationId, rate-limit category)
 * from zoomkit's operation table, and Zoom's tracking id. Looked up once per observed request, never for
 * an unobserved one.
 */
import { matchZoomOperation, type ZoomOperation } from "../operations.js";

/** Zoom's answer header naming a request for its support (`v=2.0;clid=us06;rid=WEB_...`). */
export const TRACKING_ID_HEADER = "x-zm-trackingid";

/** Longest tracking id reported: Zoom's are under 100 characters; a longer header is cut, not dropped. */
const MAX_TRACKING_ID = 256;

/** The operation of a request, or `undefined` for one zoomkit's document does not describe. */
export function callOperation(method: string, url: string): ZoomOperation | undefined {
  return matchZoomOperation(method, url);
}

/** The tracking id of an answer, if Zoom sent one. */
export function trackingId(response: Response): string | undefined {
  const value = response.headers.get(TRACKING_ID_HEADER);
  if (value === null || value === "") return undefined;
  return value.length > MAX_TRACKING_ID ? value.slice(0, MAX_TRACKING_ID) : value;
}
