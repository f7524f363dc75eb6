/**
 * `paginate()` against the simulator over real HTTP: every page followed, the empty token ends the
 * listing, an expired page token starts it over (once by default), and refusals are typed errors.
 * The simulator's page tokens live 15 minutes on its clock, which these tests move forward.
 */
import { DEFAULT_APP, DEFAULT_USERS, startZoomSimulator, type ZoomSimulator } from "@zoomkit/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { createZoomClient, paginate, type ZoomClient, ZoomPaginationError } from "../src/index.js";

const HOST = DEFAULT_USERS[0]!.email;
const PAGE_TOKEN_LIFETIME_MS = 15 * 60_000;

let sim: ZoomSimulator | undefined;
let zoom: ZoomClient | undefined;

afterEach(async () => {
  await zoom?.close();
  await sim?.close();
  zoom = undefined;
  sim = undefined;
});

/** A simulator with `count` scheduled meetings of HOST on a clock the test moves, and a client on it. */
async function setup(count: number) {
  const clock = { now: Date.now() };
  sim = await startZoomSimulator({
    now: () => clock.now,
    meetings: Array.from({ length: count }, (_, i) => ({
      host: HOST,
      topic: `meeting ${i + 1}`,
      start_time: new Date(clock.now + (i + 1) * 86_400_000).toISOString(),
    })),
  });
  const listings: string[] = [];
  const client = createZoomClient({
    accountId: DEFAULT_APP.accountId,
    clientId: DEFAULT_APP.clientId,
    clientSecret: DEFAULT_APP.clientSecret,
    oauthUrl: sim.oauthUrl,
    baseUrl: sim.baseUrl,
    // Notes which page each listing request asked for (the first page has no token).
    fetch: async (input, init) => {
      const url = new URL(new Request(input, init).url);
      if (url.pathname.endsWith("/meetings"))
        listings.push(url.searchParams.get("next_page_token") ? "next" : "first");
      return fetch(input, init);
    },
  });
  zoom = client;
  return { client, clock, listings };
}

const scheduled = (pageSize: number) =>
  ({ params: { path: { userId: HOST }, query: { type: "scheduled", page_size: pageSize } } }) as const;

describe("paginate", () => {
  it("follows next_page_token through every page and stops on the empty token", async () => {
    const { client, listings } = await setup(7);
    const topics: (string | undefined)[] = [];
    for await (const meeting of paginate(client, "/users/{userId}/meetings", scheduled(3)))
      topics.push(meeting.topic);
    expect(topics).toEqual(Array.from({ length: 7 }, (_, i) => `meeting ${i + 1}`));
    expect(listings).toEqual(["first", "next", "next"]);
  });

  it("yields nothing for an empty list, after one request", async () => {
    const { client, listings } = await setup(0);
    const items: unknown[] = [];
    for await (const meeting of paginate(client, "/users/{userId}/meetings", scheduled(30)))
      items.push(meeting);
    expect(items).toEqual([]);
    expect(listings).toEqual(["first"]);
  });

  it("fetches a page only when the loop asks for it", async () => {
    const { client, listings } = await setup(7);
    for await (const meeting of paginate(client, "/users/{userId}/meetings", scheduled(3))) {
      expect(meeting.topic).toBe("meeting 1");
      break;
    }
    expect(listings).toEqual(["first"]);
  });

  it("starts over once when the page token expired, yielding the first pages again", async () => {
    const { client, clock, listings } = await setup(5);
    const topics: (string | undefined)[] = [];
    for await (const meeting of paginate(client, "/users/{userId}/meetings", scheduled(2))) {
      topics.push(meeting.topic);
      // The reader dawdles over the second item: the token of page 2 is past its 15 minutes.
      if (topics.length === 2) clock.now += PAGE_TOKEN_LIFETIME_MS + 1_000;
    }
    expect(topics).toEqual([
      "meeting 1",
      "meeting 2",
      "meeting 1",
      "meeting 2",
      "meeting 3",
      "meeting 4",
      "meeting 5",
    ]);
    expect(listings).toEqual(["first", "next", "first", "next", "next"]);
  });

  it("with key, skips the items already yielded before the restart", async () => {
    const { client, clock } = await setup(5);
    const topics: (string | undefined)[] = [];
    const items = paginate(client, "/users/{userId}/meetings", scheduled(2), { key: (m) => m.id });
    for await (const meeting of items) {
      topics.push(meeting.topic);
      if (topics.length === 2) clock.now += PAGE_TOKEN_LIFETIME_MS + 1_000;
    }
    expect(topics).toEqual(["meeting 1", "meeting 2", "meeting 3", "meeting 4", "meeting 5"]);
  });

  it("gives up with page_token_expired when the token expires again after maxRestarts", async () => {
    const { client, clock, listings } = await setup(5);
    let seen = 0;
    const loop = async () => {
      for await (const _ of paginate(client, "/users/{userId}/meetings", scheduled(2))) {
        seen += 1;
        // Every second item the reader stalls past the token's lifetime: the listing never gets further.
        if (seen % 2 === 0) clock.now += PAGE_TOKEN_LIFETIME_MS + 1_000;
      }
    };
    const error = await loop().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ZoomPaginationError);
    expect(error).toMatchObject({ code: "page_token_expired", page: 2, restarts: 1, status: 400 });
    expect((error as ZoomPaginationError).error?.code).toBe(300);
    expect(listings).toEqual(["first", "next", "first", "next"]);
    expect(seen).toBe(4);
  });

  it("with maxRestarts 0, an expired token is an error at once", async () => {
    const { client, clock } = await setup(5);
    const items = paginate(client, "/users/{userId}/meetings", scheduled(2), { maxRestarts: 0 });
    await items.next();
    await items.next();
    clock.now += PAGE_TOKEN_LIFETIME_MS + 1_000;
    await expect(items.next()).rejects.toMatchObject({ code: "page_token_expired", restarts: 0 });
  });

  it("throws page_failed with Zoom's answer when a page is refused, without personal data in the message", async () => {
    const { client } = await setup(1);
    const items = paginate(client, "/users/{userId}/meetings", {
      params: { path: { userId: "nobody@example.com" }, query: { type: "scheduled" } },
    });
    const error = await items.next().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ZoomPaginationError);
    expect(error).toMatchObject({
      code: "page_failed",
      status: 404,
      page: 1,
      path: "/users/{userId}/meetings",
    });
    expect((error as ZoomPaginationError).error?.code).toBe(1001);
    expect((error as Error).message).not.toContain("nobody");
  });

  it("refuses a maxRestarts that is not a whole number", async () => {
    const { client } = await setup(0);
    const items = paginate(client, "/users/{userId}/meetings", scheduled(30), { maxRestarts: -1 });
    await expect(items.next()).rejects.toThrow(RangeError);
  });
});

/** Zoom answers the simulator never gives, from an injected fetch (the boundary to Zoom). */
function scriptedZoom(pages: Record<string, unknown>[]) {
  let served = 0;
  return createZoomClient({
    accountId: "acc",
    clientId: "cid",
    clientSecret: "secret",
    oauthUrl: "https://zoom.test/oauth/token",
    baseUrl: "https://api.zoom.test/v2",
    fetch: async (input, init) => {
      const request = new Request(input, init);
      if (request.url.startsWith("https://zoom.test/oauth/token"))
        return Response.json({ access_token: "tok", token_type: "bearer", expires_in: 3600, scope: "" });
      return Response.json(pages[Math.min(served++, pages.length - 1)]);
    },
  });
}

describe("paginate against answers the simulator never gives", () => {
  it("stops with page_loop when Zoom hands back the token it was given", async () => {
    const client = scriptedZoom([
      { next_page_token: "same", users: [{ email: "a@example.com" }] },
      { next_page_token: "same", users: [{ email: "b@example.com" }] },
    ]);
    const emails: (string | undefined)[] = [];
    const error = await (async () => {
      for await (const user of paginate(client, "/users", {})) emails.push(user.email);
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "page_loop", page: 2 });
    expect(emails).toEqual(["a@example.com", "b@example.com"]);
    await client.close();
  });

  it("asks which array to list when a page holds several, and lists the one named", async () => {
    const page = { next_page_token: "", users: [{ email: "a@example.com" }], extra: [1, 2] };
    const ambiguous = scriptedZoom([page]);
    await expect(paginate(ambiguous, "/users", {}).next()).rejects.toMatchObject({
      code: "ambiguous_items",
      message: expect.stringContaining("users, extra"),
    });
    await ambiguous.close();
    const named = scriptedZoom([page]);
    const emails: (string | undefined)[] = [];
    for await (const user of paginate(named, "/users", {}, { items: "users" })) emails.push(user.email);
    expect(emails).toEqual(["a@example.com"]);
    await named.close();
  });

  it("reads a page without its array (Zoom leaves it out when empty) as no items", async () => {
    const client = scriptedZoom([{ next_page_token: "", total_records: 0 }]);
    const items: unknown[] = [];
    for await (const user of paginate(client, "/users", {})) items.push(user);
    expect(items).toEqual([]);
    await client.close();
  });
});
