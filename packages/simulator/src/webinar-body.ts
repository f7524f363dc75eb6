/** Response bodies for webinars, their panelists and past webinars, in Zoom's field names and formats. */
import { zoomTime } from "./meeting-body.js";

export { pastInstanceItem } from "./meeting-body.js";

import type { Panelist, PastWebinar, WebinarRecord } from "./state/webinars.js";

export function webinarJoinUrl(w: WebinarRecord, url: string): string {
  return `${url}/w/${w.id}`;
}

/** Body of create (201) and get (200). */
export function webinarBody(w: WebinarRecord, url: string): Record<string, unknown> {
  return {
    uuid: w.uuid,
    id: w.id,
    host_id: w.host.id,
    host_email: w.host.email,
    topic: w.topic,
    type: w.type,
    ...(w.startTime === undefined ? {} : { start_time: zoomTime(w.startTime) }),
    duration: w.duration,
    timezone: w.timezone,
    ...(w.agenda ? { agenda: w.agenda } : {}),
    created_at: zoomTime(w.createdAt),
    start_url: `${url}/s/${w.id}?zak=${w.startKey}`,
    join_url: `${webinarJoinUrl(w, url)}?pwd=${Buffer.from(w.password).toString("base64url")}`,
    password: w.password,
    is_simulive: false,
    ...w.extra,
    settings: w.settings,
  };
}

/** An item of `GET /users/{userId}/webinars`. */
export function webinarListItem(w: WebinarRecord, url: string): Record<string, unknown> {
  return {
    uuid: w.uuid,
    id: w.id,
    host_id: w.host.id,
    topic: w.topic,
    type: w.type,
    ...(w.startTime === undefined ? {} : { start_time: zoomTime(w.startTime) }),
    duration: w.duration,
    timezone: w.timezone,
    ...(w.agenda ? { agenda: w.agenda } : {}),
    created_at: zoomTime(w.createdAt),
    join_url: webinarJoinUrl(w, url),
    is_simulive: false,
  };
}

export function panelistBody(p: Panelist, w: WebinarRecord, url: string): Record<string, unknown> {
  return {
    id: p.id,
    name: p.name,
    email: p.email,
    ...p.fields,
    join_url: `${webinarJoinUrl(w, url)}?tk=${p.joinKey}`,
  };
}

export function pastWebinarMinutes(p: PastWebinar): number {
  return Math.max(0, Math.round((p.end - p.start) / 60_000));
}
