/**
 * One sweep: list each host's scheduled meetings page by page, and delete those that ended more than
 * the grace period ago. Only one-off scheduled meetings (type 2) with a start time are considered:
 * a recurring series' listed start is one occurrence, and deleting the series would delete the future.
 */

import type { Logger } from "@zoomkit/app-support";
import type { components, ZoomClient } from "@zoomkit/core";
import { paginate, ZoomAuthError, ZoomPaginationError, ZoomRequestError } from "@zoomkit/core";

type ListedMeeting = components["schemas"]["MeetingListItem"];

/** What one sweep did. */
export interface SweepSummary {
  hosts: number;
  /** Meetings listed, all hosts together. */
  listed: number;
  /** Listed meetings that ended more than the grace period ago. */
  expired: number;
  /** Deleted by this sweep (0 in a dry run). */
  deleted: number;
  /** Already gone when the delete was sent (deleted meanwhile, or expired at Zoom). */
  alreadyGone: number;
  /** Still in progress at Zoom, so not deleted. */
  inProgress: number;
  /** Hosts that could not be listed plus meetings that could not be deleted. */
  failed: number;
  dryRun: boolean;
}

/** Options of `sweep`. */
export interface SweepOptions {
  zoom: ZoomClient;
  hosts: readonly string[];
  graceMinutes: number;
  dryRun: boolean;
  /** Meetings per page (Zoom allows at most 300). @default 300 */
  pageSize?: number;
  logger: Logger;
  /** @default Date.now */
  now?: () => number;
}

/** The end of a meeting (epoch ms), or `undefined` for meetings this job never deletes. */
export function endOf(meeting: ListedMeeting): number | undefined {
  if (meeting.type !== 2 || !meeting.start_time || meeting.id === undefined) return undefined;
  const start = Date.parse(meeting.start_time);
  if (Number.isNaN(start)) return undefined;
  return start + (meeting.duration ?? 0) * 60_000;
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Zoom's `{ code, message }` error body, read defensively. */
const zoomError = (error: unknown): { code?: number; message?: string } =>
  typeof error === "object" && error !== null ? (error as { code?: number; message?: string }) : {};

/**
 * Every scheduled meeting of `host`. `paginate` follows `next_page_token` and starts the listing over if
 * a page token expires (a listing slowed by rate limits); a meeting listed twice is collected once.
 */
function listMeetings(zoom: ZoomClient, host: string, pageSize: number): AsyncGenerator<ListedMeeting> {
  return paginate(
    zoom,
    "/users/{userId}/meetings",
    { params: { path: { userId: host }, query: { type: "scheduled", page_size: pageSize } } },
    { key: (meeting) => meeting.id },
  );
}

/** Deletes one meeting; what happened, for the summary. */
async function deleteMeeting(
  zoom: ZoomClient,
  id: number,
): Promise<"deleted" | "alreadyGone" | "inProgress" | { failed: string }> {
  const { error, response } = await zoom.DELETE("/meetings/{meetingId}", {
    params: { path: { meetingId: id } },
  });
  if (response.ok) return "deleted";
  const body = zoomError(error);
  if (response.status === 404 || body.code === 3001) return "alreadyGone";
  if (body.code === 3002) return "inProgress";
  return { failed: `Zoom answered ${response.status}${body.message ? `: ${body.message}` : ""}` };
}

/**
 * Runs one sweep over every host. Errors that make every call fail (the app rejected, bad credentials)
 * end the sweep at once; others are counted per host or meeting and the sweep goes on.
 *
 * @example
 * const summary = await sweep({ zoom, hosts: ["host@example.com"], graceMinutes: 60, dryRun: true, logger });
 */
export async function sweep(options: SweepOptions): Promise<SweepSummary> {
  const { zoom, logger } = options;
  const now = (options.now ?? Date.now)();
  const cutoff = now - options.graceMinutes * 60_000;
  const summary: SweepSummary = {
    hosts: options.hosts.length,
    listed: 0,
    expired: 0,
    deleted: 0,
    alreadyGone: 0,
    inProgress: 0,
    failed: 0,
    dryRun: options.dryRun,
  };

  for (const host of options.hosts) {
    // The whole list first, deletions after: a cursor-paginated listing must not shift under its reader.
    const expired: { id: number; ended: string }[] = [];
    try {
      for await (const meeting of listMeetings(zoom, host, options.pageSize ?? 300)) {
        summary.listed++;
        const end = endOf(meeting);
        if (end !== undefined && end <= cutoff)
          expired.push({ id: meeting.id!, ended: new Date(end).toISOString() });
      }
    } catch (error) {
      // Nothing else can succeed while tokens are refused: stop here and say why.
      if (error instanceof ZoomAuthError) throw error;
      summary.failed++;
      logger.error(
        {
          host,
          code:
            error instanceof ZoomRequestError || error instanceof ZoomPaginationError
              ? error.code
              : undefined,
          ...(error instanceof ZoomPaginationError
            ? { status: error.status, zoomCode: error.error?.code }
            : {}),
          reason: describe(error),
        },
        "could not list the host's meetings",
      );
      continue;
    }
    summary.expired += expired.length;
    for (const { id, ended } of expired) {
      if (options.dryRun) {
        logger.info({ host, meetingId: String(id), ended }, "would delete (dry run)");
        continue;
      }
      const outcome = await deleteMeeting(zoom, id).catch((error: unknown) => {
        if (error instanceof ZoomAuthError) throw error;
        return { failed: describe(error) };
      });
      if (typeof outcome === "string") {
        summary[outcome]++;
        logger.info({ host, meetingId: String(id), ended, outcome }, "expired meeting handled");
      } else {
        summary.failed++;
        logger.error({ host, meetingId: String(id), reason: outcome.failed }, "could not delete meeting");
      }
    }
  }
  return summary;
}
