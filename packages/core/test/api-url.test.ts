/**
 * `baseUrl: "auto"`: requests follow the token reply's `api_url` when it is an https Zoom host or an
 * allow-listed origin, and are refused otherwise. Against the simulator over real HTTP, whose token
 * replies name its own address (or the `apiUrl` it is given); the host rules as a table.
 */
import { DEFAULT_APP, DEFAULT_USERS, startZoomSimulator, type ZoomSimulator } from "@zoomkit/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { apiBaseFor, DEFAULT_API_BASE } from "../src/api-url.js";
import { createZoomClient, type ZoomClient, ZoomConfigError, ZoomRequestError } from "../src/index.js";

const HOST = DEFAULT_USERS[0]!.email;
let sim: ZoomSimulator | undefined;
let zoom: ZoomClient | undefined;

afterEach(async () => {
  await zoom?.close();
  await sim?.close();
  zoom = undefined;
  sim = undefined;
});

/** An "auto" client on the simulator, with every URL it asked for. */
function autoClient(simulator: ZoomSimulator, apiUrlAllowList?: string[]) {
  const urls: string[] = [];
  zoom = createZoomClient({
    accountId: DEFAULT_APP.accountId,
    clientId: DEFAULT_APP.clientId,
    clientSecret: DEFAULT_APP.clientSecret,
    oauthUrl: simulator.oauthUrl,
    baseUrl: "auto",
    ...(apiUrlAllowList ? { apiUrlAllowList } : {}),
    fetch: async (input, init) => {
      // Read without constructing a Request from it: that would use up a POST's body.
      urls.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    },
  });
  return { client: zoom, urls };
}

describe('baseUrl: "auto"', () => {
  it("sends requests to the token reply's api_url when the allow-list names it", async () => {
    sim = await startZoomSimulator();
    const origin = new URL(sim.baseUrl).origin;
    const { client, urls } = autoClient(sim, [origin]);
    const created = await client.POST("/users/{userId}/meetings", {
      params: { path: { userId: HOST } },
      body: { topic: "Regional", type: 2 },
    });
    expect(created.response.status).toBe(201);
    const meetingId = created.data!.id!;
    const read = await client.GET("/meetings/{meetingId}", { params: { path: { meetingId } } });
    expect(read.data?.topic).toBe("Regional");
    expect(urls.filter((u) => !u.includes("/oauth/"))).toEqual([
      `${origin}/v2/users/${encodeURIComponent(HOST)}/meetings`,
      `${origin}/v2/meetings/${meetingId}`,
    ]);
  });

  it("refuses an api_url that is neither a Zoom host nor allow-listed, and sends nothing", async () => {
    sim = await startZoomSimulator();
    const { client, urls } = autoClient(sim);
    const error = await client.GET("/users/{userId}", { params: { path: { userId: HOST } } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ZoomRequestError);
    expect(error).toMatchObject({ code: "untrusted_api_url", attempts: 0, path: "/users/{userId}" });
    expect((error as Error).message).toContain(new URL(sim.baseUrl).host);
    expect((error as Error).message).not.toContain(HOST);
    expect(urls.every((u) => u.includes("/oauth/"))).toBe(true);
  });

  it("refuses a lookalike host even when the simulator's own origin is allowed", async () => {
    sim = await startZoomSimulator({ apiUrl: "https://api.zoom.us.example.com" });
    const { client, urls } = autoClient(sim, [new URL(sim.baseUrl).origin]);
    await expect(client.GET("/users/{userId}", { params: { path: { userId: HOST } } })).rejects.toMatchObject(
      {
        code: "untrusted_api_url",
      },
    );
    expect(urls.every((u) => u.includes("/oauth/"))).toBe(true);
  });

  it("takes only origins in the allow-list, and only with auto", () => {
    const base = { accountId: "a", clientId: "c", clientSecret: "s" };
    for (const entry of ["127.0.0.1:4010", "http://127.0.0.1:4010/v2", "ftp://x.test", "https://u:p@x.test"])
      expect(() => createZoomClient({ ...base, baseUrl: "auto", apiUrlAllowList: [entry] })).toThrow(
        ZoomConfigError,
      );
    expect(() => createZoomClient({ ...base, apiUrlAllowList: ["http://127.0.0.1:4010"] })).toThrow(
      /only applies with baseUrl: "auto"/,
    );
  });
});

describe("which api_url is followed", () => {
  const none = new Set<string>();
  it.each([
    ["https://api.zoom.us", "https://api.zoom.us/v2"],
    ["https://api.zoom.us/", "https://api.zoom.us/v2"],
    ["https://eu01api-www4local.zoom.us", "https://eu01api-www4local.zoom.us/v2"],
    ["https://API.ZOOM.US", "https://api.zoom.us/v2"],
    [undefined, DEFAULT_API_BASE],
    ["", DEFAULT_API_BASE],
  ])("%s is followed to %s", (apiUrl, base) => {
    expect(apiBaseFor(apiUrl, none)).toEqual({ base });
  });

  it.each([
    ["http://api.zoom.us", "is not https"],
    ["https://api.zoom.us.example.com", "is not a Zoom host"],
    ["https://evilzoom.us", "is not a Zoom host"],
    ["https://api.zoom.us:8443", "names a port"],
    ["https://user@api.zoom.us", "more than an origin"],
    ["https://api.zoom.us/v2", "more than an origin"],
    ["https://api.zoom.us?x=1", "more than an origin"],
    ["not a url", "is not a URL"],
  ])("%s is refused (%s)", (apiUrl, problem) => {
    const decision = apiBaseFor(apiUrl, none);
    expect("problem" in decision && decision.problem).toContain(problem);
  });

  it("follows an allow-listed http origin, and nothing else on that host", () => {
    const allowed = new Set(["http://127.0.0.1:4010"]);
    expect(apiBaseFor("http://127.0.0.1:4010", allowed)).toEqual({ base: "http://127.0.0.1:4010/v2" });
    expect(apiBaseFor("http://127.0.0.1:4011", allowed)).toHaveProperty("problem");
    expect(apiBaseFor("http://127.0.0.1:4010/other", allowed)).toHaveProperty("problem");
  });
});
