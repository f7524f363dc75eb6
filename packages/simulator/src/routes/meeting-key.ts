/** A meeting id or instance uuid from the path. Zoom asks for uuids that start with "/" or contain "//" to be encoded twice. */
import type { SimContext } from "../http.js";

export function meetingKey(c: SimContext, param = "meetingId"): string {
  const raw = c.req.param(param) ?? "";
  return raw.includes("%") ? safeDecode(raw) : raw;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
