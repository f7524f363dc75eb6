// Compile-time tests of the typed client, checked by `pnpm typecheck` (never run). Every
// `@ts-expect-error` must be needed: tsc fails on an unused one, so each line proves a rejection.
import { expectTypeOf } from "vitest";
import { type components, createZoomClient } from "../../src/index.js";

type ZoomError = components["schemas"]["Error"];

const zoom = createZoomClient({ accountId: "acc", clientId: "cid", clientSecret: "secret" });

/** Calls the client accepts, and the types it hands back. */
export async function acceptedCalls(meetingId: number): Promise<void> {
  const created = await zoom.POST("/users/{userId}/meetings", {
    params: { path: { userId: "host@example.com" } },
    body: {
      topic: "Standup",
      type: 8,
      start_time: "2026-03-01T10:00:00Z",
      recurrence: { type: 2, weekly_days: "2" },
      settings: { waiting_room: true, audio: "voip", auto_recording: "none" },
      tracking_fields: [{ field: "team", value: "core" }],
    },
  });
  expectTypeOf(created.data?.id).toEqualTypeOf<number | undefined>();
  expectTypeOf(created.data?.join_url).toEqualTypeOf<string | undefined>();
  expectTypeOf(created.error).toEqualTypeOf<ZoomError | undefined>();
  if (created.error) expectTypeOf(created.error.code).toEqualTypeOf<number>();

  const meeting = await zoom.GET("/meetings/{meetingId}", {
    params: { path: { meetingId }, query: { show_previous_occurrences: true } },
  });
  expectTypeOf(meeting.data?.status).toEqualTypeOf<"waiting" | "started" | undefined>();
  expectTypeOf(meeting.data?.uuid).toEqualTypeOf<string | undefined>();

  const page = await zoom.GET("/users/{userId}/meetings", {
    params: { path: { userId: "me" }, query: { type: "upcoming", page_size: 300, next_page_token: "t" } },
  });
  expectTypeOf(page.data?.meetings?.[0]?.id).toEqualTypeOf<number | undefined>();

  await zoom.PATCH("/meetings/{meetingId}", { params: { path: { meetingId } }, body: { duration: 45 } });
  await zoom.PUT("/meetings/{meetingId}/status", {
    params: { path: { meetingId } },
    body: { action: "end" },
  });
  await zoom.DELETE("/meetings/{meetingId}", {
    params: { path: { meetingId }, query: { occurrence_id: "1648194360000", cancel_meeting_reminder: true } },
  });
  // Past meetings take a meeting number or an instance UUID.
  await zoom.GET("/past_meetings/{meetingId}", {
    params: { path: { meetingId: "4444AAAiAAAAAiAiAiiAii==" } },
  });
  const people = await zoom.GET("/past_meetings/{meetingId}/participants", {
    params: { path: { meetingId }, query: { page_size: 100 } },
  });
  expectTypeOf(people.data?.participants?.[0]?.name).toEqualTypeOf<string | undefined>();

  const users = await zoom.GET("/users", { params: { query: { status: "pending" } } });
  expectTypeOf(users.data?.users?.[0]?.email).toEqualTypeOf<string | undefined>();
  const user = await zoom.GET("/users/{userId}", { params: { path: { userId: "host@example.com" } } });
  expectTypeOf(user.data?.type).toEqualTypeOf<1 | 2 | 3 | 99 | undefined>();
}

/** Calls the compiler must reject. */
export async function rejectedCalls(meetingId: number): Promise<void> {
  await zoom.GET("/meetings/{meetingId}", {
    // @ts-expect-error meetingId is a number, not an object
    params: { path: { meetingId: { id: meetingId } } },
  });
  await zoom.DELETE("/meetings/{meetingId}", {
    // @ts-expect-error meetingId is a number, not a boolean
    params: { path: { meetingId: true } },
  });
  await zoom.DELETE("/meetings/{meetingId}", {
    // @ts-expect-error the path parameter is required
    params: { path: {} },
  });
  // @ts-expect-error zoomkit does not describe this path
  await zoom.GET("/meetings/{meetingId}/livestream", { params: { path: { meetingId } } });
  // @ts-expect-error a near miss of "/users" is not a path either
  await zoom.GET("/user", {});
  // @ts-expect-error POST is not an operation of /meetings/{meetingId}
  await zoom.POST("/meetings/{meetingId}", { params: { path: { meetingId } }, body: {} });
  await zoom.POST("/users/{userId}/meetings", {
    params: { path: { userId: "host@example.com" } },
    // @ts-expect-error a recurrence needs its `type`
    body: { topic: "Weekly", type: 8, recurrence: { repeat_interval: 1 } },
  });
  await zoom.POST("/users/{userId}/meetings", {
    params: { path: { userId: "host@example.com" } },
    // @ts-expect-error a tracking field needs its `field`
    body: { topic: "Standup", tracking_fields: [{ value: "core" }] },
  });
  await zoom.POST("/users/{userId}/meetings", {
    params: { path: { userId: "host@example.com" } },
    // @ts-expect-error meeting type 5 does not exist (1, 2, 3, 8)
    body: { topic: "Standup", type: 5 },
  });
  await zoom.PATCH("/meetings/{meetingId}", {
    params: { path: { meetingId } },
    // @ts-expect-error audio is both, telephony or voip
    body: { settings: { audio: "phone" } },
  });
  await zoom.PUT("/meetings/{meetingId}/status", {
    params: { path: { meetingId } },
    // @ts-expect-error the status actions are end and recover
    body: { action: "stop" },
  });
  await zoom.GET("/users", {
    // @ts-expect-error page_size is a number
    params: { query: { page_size: "30" } },
  });
  await zoom.GET("/users/{userId}/meetings", {
    // @ts-expect-error `type` is one of Zoom's list filters
    params: { path: { userId: "me" }, query: { type: "all" } },
  });
  await zoom.POST("/users/{userId}/meetings", {
    params: { path: { userId: "host@example.com" } },
    // @ts-expect-error topic is a string
    body: { topic: 42 },
  });
}
