// Compile-time proof (issue 12, "Done when"): one client, created once, calls a meeting, a webinar, a
// recording and a user operation with full types, lists with `paginate()`, and serves a second product's
// paths through `withPaths` on the same token provider. Checked by `pnpm typecheck` (never run); every
// `@ts-expect-error` must be needed, so each one proves a rejection.
import { expectTypeOf } from "vitest";
import {
  type components,
  createZoomClient,
  paginate,
  type ZoomClient,
  type ZoomTokenProvider,
} from "../../src/index.js";
import type { paths as PhonePaths } from "../fixtures/zoom-phone.js";

type Schemas = components["schemas"];

const zoom = createZoomClient({ accountId: "acc", clientId: "cid", clientSecret: "secret" });
expectTypeOf(zoom).toEqualTypeOf<ZoomClient>();
expectTypeOf(zoom.tokens).toEqualTypeOf<ZoomTokenProvider>();

/** The four families through the one client, with the types Zoom answers with. */
export async function oneClientEveryFamily(meetingId: number, meetingUuid: string): Promise<void> {
  const meeting = await zoom.GET("/meetings/{meetingId}", { params: { path: { meetingId } } });
  expectTypeOf(meeting.data?.join_url).toEqualTypeOf<string | undefined>();
  expectTypeOf(meeting.error).toEqualTypeOf<Schemas["Error"] | undefined>();

  const webinar = await zoom.GET("/webinars/{webinarId}", { params: { path: { webinarId: "81234567890" } } });
  expectTypeOf(webinar.data?.topic).toEqualTypeOf<string | undefined>();
  expectTypeOf(webinar.data?.id).toEqualTypeOf<number | undefined>();

  const recording = await zoom.GET("/meetings/{meetingId}/recordings", {
    params: { path: { meetingId: meetingUuid }, query: { ttl: 600 } },
  });
  expectTypeOf(recording.data?.recording_files?.[0]?.download_url).toEqualTypeOf<string | undefined>();

  const user = await zoom.GET("/users/{userId}", { params: { path: { userId: "host@example.com" } } });
  expectTypeOf(user.data).toEqualTypeOf<Schemas["User"] | undefined>();

  for await (const listed of paginate(zoom, "/users/{userId}/meetings", {
    params: { path: { userId: "host@example.com" }, query: { type: "scheduled", page_size: 300 } },
  })) {
    expectTypeOf(listed).toEqualTypeOf<Schemas["MeetingListItem"]>();
  }
  for await (const registrant of paginate(zoom, "/webinars/{webinarId}/registrants", {
    params: { path: { webinarId: 81234567890 } },
  })) {
    expectTypeOf(registrant.email).toEqualTypeOf<string>();
  }
  for await (const file of paginate(zoom, "/users/{userId}/recordings", {
    params: { path: { userId: "me" } },
  })) {
    expectTypeOf(file.recording_files).toEqualTypeOf<Schemas["RecordingFile"][] | undefined>();
  }
  for await (const person of paginate(zoom, "/users", { params: { query: { status: "active" } } })) {
    expectTypeOf(person.email).toEqualTypeOf<string>();
  }
}

/** Another product's generated paths on the same client: same provider, its own types. */
export async function secondProduct(): Promise<void> {
  const phone = zoom.withPaths<PhonePaths>();
  expectTypeOf(phone.tokens).toEqualTypeOf<ZoomTokenProvider>();
  const users = await phone.GET("/phone/users", { params: { query: { page_size: 50 } } });
  expectTypeOf(users.data?.users?.[0]?.extension_number).toEqualTypeOf<number | undefined>();
  for await (const user of paginate(phone, "/phone/users", {})) {
    expectTypeOf(user.email).toEqualTypeOf<string | undefined>();
  }
  // Generic from the start, too.
  const phoneOnly = createZoomClient<PhonePaths>({
    accountId: "acc",
    clientId: "cid",
    clientSecret: "secret",
  });
  expectTypeOf(phoneOnly).toEqualTypeOf<ZoomClient<PhonePaths>>();
}

/** What must not compile. */
export async function rejected(meetingId: number): Promise<void> {
  // @ts-expect-error a webinar's id is not an object
  await zoom.GET("/webinars/{webinarId}", { params: { path: { webinarId: { id: 1 } } } });
  // @ts-expect-error the recording's meeting is an id string or UUID here, not a number
  await zoom.GET("/meetings/{meetingId}/recordings", { params: { path: { meetingId } } });
  // @ts-expect-error the user path needs its userId
  await zoom.GET("/users/{userId}", { params: { path: {} } });
  // @ts-expect-error a Zoom Phone path is not one of zoomkit's own paths
  await zoom.GET("/phone/users", {});
  const phone = zoom.withPaths<PhonePaths>();
  // @ts-expect-error and zoomkit's meetings are not Zoom Phone paths
  await phone.GET("/meetings/{meetingId}", { params: { path: { meetingId } } });
  // @ts-expect-error a single meeting is not a list operation
  paginate(zoom, "/meetings/{meetingId}", { params: { path: { meetingId } } });
  // @ts-expect-error the webinars list pages by page_number, not by next_page_token
  paginate(zoom, "/users/{userId}/webinars", { params: { path: { userId: "me" } } });
  paginate(zoom, "/users/{userId}/meetings", {
    // @ts-expect-error `type` is one of Zoom's list filters
    params: { path: { userId: "me" }, query: { type: "all" } },
  });
  // @ts-expect-error the list's userId is required
  paginate(zoom, "/users/{userId}/meetings", { params: { query: { page_size: 30 } } });
  // @ts-expect-error `items` names an array field of the page
  paginate(zoom, "/users/{userId}/meetings", { params: { path: { userId: "me" } } }, { items: "page_size" });
  // @ts-expect-error `key` receives a listed meeting, which has no `email`
  paginate(zoom, "/users/{userId}/meetings", { params: { path: { userId: "me" } } }, { key: (m) => m.email });
}
