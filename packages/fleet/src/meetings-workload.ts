/**
 * The `meetings` workload: each caller creates a meeting, gets it and deletes it, over and over, one
 * operation per call, so an incident that hits one operation (a scope removed) shows in that
 * operation's count alone. A refusal is described by status, Zoom code and the scopes Zoom named, which
 * is how a test tells a typed 4711 from any other failure.
 */
import { getRateLimit, parseZoomError, type ZoomClient } from "@zoomkit/core";
import type { CallResult } from "./caller.js";

type Step = "create" | "get" | "delete";

/**
 * `HTTP 401 code 4711 scopes meeting:read:admin`, or `HTTP 500` when the body names nothing; a 429 the
 * pacer answered (not sent) ends in ` paced`.
 */
export function describeRefusal(status: number, error: unknown, response?: Response): string {
  const body = parseZoomError(error);
  const code = body.code === undefined ? "" : ` code ${body.code}`;
  const scopes = body.missingScopes?.length ? ` scopes ${body.missingScopes.join(",")}` : "";
  const paced = response && getRateLimit(response)?.local ? " paced" : "";
  return `HTTP ${status}${code}${scopes}${paced}`;
}

/** The `create` workload: every call creates a meeting for `userId` (the pacing benchmark's load). */
export function createOnlyWorkload(
  client: ZoomClient,
  userId: string,
): (callerIndex: number) => Promise<CallResult> {
  return async () => {
    const { data, error, response } = await client.POST("/users/{userId}/meetings", {
      params: { path: { userId } },
      body: { topic: "fleet", type: 2, duration: 15 },
    });
    return {
      operation: "create",
      outcome: data ? undefined : describeRefusal(response.status, error, response),
    };
  };
}

/** Per caller: the next step and the meeting it works on. */
export function createMeetingsWorkload(
  client: ZoomClient,
  userId: string,
): (callerIndex: number) => Promise<CallResult> {
  const state = new Map<number, { step: Step; meetingId?: number }>();
  return async (callerIndex) => {
    const mine = state.get(callerIndex) ?? { step: "create" };
    state.set(callerIndex, mine);
    const operation = mine.step;
    if (operation === "create") {
      const { data, error, response } = await client.POST("/users/{userId}/meetings", {
        params: { path: { userId } },
        body: { topic: "fleet", type: 2, duration: 15 },
      });
      if (!data) return { operation, outcome: describeRefusal(response.status, error) };
      mine.meetingId = data.id;
      mine.step = "get";
      return { operation, outcome: undefined };
    }
    const meetingId = mine.meetingId ?? 0;
    // Whatever the get answered, the meeting is deleted next; whatever the delete answered, a new one follows.
    mine.step = operation === "get" ? "delete" : "create";
    const { error, response } =
      operation === "get"
        ? await client.GET("/meetings/{meetingId}", { params: { path: { meetingId } } })
        : await client.DELETE("/meetings/{meetingId}", { params: { path: { meetingId } } });
    const ok = operation === "get" ? response.status === 200 : response.status === 204;
    return { operation, outcome: ok ? undefined : describeRefusal(response.status, error) };
  };
}
