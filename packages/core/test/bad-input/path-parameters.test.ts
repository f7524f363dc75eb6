/**
 * Bad-input matrix, core path parameters: every value that would address another endpoint is refused
 * with `ZoomRequestError("invalid_path_parameter")` before anything reaches the network; look-alikes that
 * stay inside their segment (`a..b`, `../x`, `%2e%2e`) are sent, encoded, to the endpoint they name.
 * Over real HTTP against the simulator, with the fetch at the network boundary counting what is sent.
 */
import { DEFAULT_APP, DEFAULT_USERS, startZoomSimulator, type ZoomSimulator } from "@zoomkit/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createZoomClient, type ZoomClient, ZoomRequestError } from "../../src/index.js";

let sim: ZoomSimulator;
let zoom: ZoomClient;
const sent: string[] = [];

beforeAll(async () => {
  sim = await startZoomSimulator({ port: 0, host: "127.0.0.1" });
  zoom = createZoomClient({
    accountId: DEFAULT_APP.accountId,
    clientId: DEFAULT_APP.clientId,
    clientSecret: DEFAULT_APP.clientSecret,
    baseUrl: sim.baseUrl,
    oauthUrl: sim.oauthUrl,
    fetch: (input, init) => {
      const url = new Request(input, init).url;
      if (!url.startsWith(sim.oauthUrl)) sent.push(url);
      return fetch(input, init);
    },
  });
});

afterAll(async () => {
  await sim?.close();
});

type Call = (value: unknown) => Promise<unknown>;
/** One operation per kind of path: a user, a user's sub-resource, a meeting, a two-parameter path. */
const operations: Record<string, Call> = {
  "GET /users/{userId}": (userId) => zoom.GET("/users/{userId}", { params: { path: { userId } } } as never),
  "POST /users/{userId}/meetings": (userId) =>
    zoom.POST("/users/{userId}/meetings", {
      params: { path: { userId } },
      body: { topic: "t", type: 2 },
    } as never),
  "DELETE /meetings/{meetingId}": (meetingId) =>
    zoom.DELETE("/meetings/{meetingId}", { params: { path: { meetingId } } } as never),
  "GET /past_meetings/{meetingId}": (meetingId) =>
    zoom.GET("/past_meetings/{meetingId}", { params: { path: { meetingId } } } as never),
  "GET /meetings/{meetingId}/polls/{pollId}": (pollId) =>
    zoom.GET("/meetings/{meetingId}/polls/{pollId}", {
      params: { path: { meetingId: 85_000_000_001, pollId } },
    } as never),
};

const refused: unknown[] = [
  "",
  ".",
  "..",
  undefined,
  null,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  {},
  [],
  true,
];
/** Values that look like traversal but are encoded into one segment by `encodeURIComponent`. */
const contained = ["a..b", "...", "../users", "..%2F", "%2e%2e", ". .", "..\\"];

describe("bad-input matrix: core path parameters", () => {
  it("refuses every value that would leave its segment, before any request is sent", async () => {
    let tried = 0;
    for (const [name, call] of Object.entries(operations)) {
      for (const value of refused) {
        tried += 1;
        const before = sent.length;
        const error = await call(value).then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
        expect(error, `${name} with ${String(value)}`).toBeInstanceOf(ZoomRequestError);
        expect(error).toMatchObject({ code: "invalid_path_parameter", attempts: 0 });
        expect((error as Error).message).toMatch(/nothing was sent/);
        expect(sent.length, `${name} with ${String(value)} reached the network`).toBe(before);
      }
    }
    console.log(`bad-input matrix: core path parameters: ${tried} refused inputs`);
    expect(tried).toBe(Object.keys(operations).length * refused.length);
  });

  it("sends look-alikes encoded inside their own segment", async () => {
    let tried = 0;
    for (const value of contained) {
      tried += 1;
      const before = sent.length;
      const { response } = await zoom.GET("/users/{userId}", { params: { path: { userId: value } } });
      expect(response.status).toBe(404);
      const url = new URL(sent[before]!);
      expect(url.pathname).toBe(`/v2/users/${encodeURIComponent(value)}`);
    }
    console.log(`bad-input matrix: core path parameters: ${tried} contained look-alikes`);
  });

  it("still serves ordinary ids and e-mail addresses", async () => {
    const host = DEFAULT_USERS[0]!.email;
    const { data, response } = await zoom.GET("/users/{userId}", { params: { path: { userId: host } } });
    expect(response.status).toBe(200);
    expect(data?.email).toBe(host);
  });
});
