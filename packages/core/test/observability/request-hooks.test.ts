/**
 * The `request` and `response` hooks: once per attempt, with the operation's template, the status or
 * why there is none, the attempt's duration and Zoom's tracking id; never a token, a query string or an
 * e-mail address. Against the simulator over real HTTP, and with scripted answers for the failures a
 * real server cannot be made to produce on cue.
 */
import { DEFAULT_APP, DEFAULT_USERS, startZoomSimulator, type ZoomSimulator } from "@zoomkit/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createZoomClient, type ZoomEventMap } from "../../src/index.js";
import { clientUnder, recordingSleep, scriptedZoom, stubTokens, tokenValue } from "../pipeline/helpers.js";

type Seen =
  | { name: "request"; event: ZoomEventMap["request"] }
  | { name: "response"; event: ZoomEventMap["response"] };

function recorder() {
  const seen: Seen[] = [];
  return {
    seen,
    hooks: {
      request: (event: ZoomEventMap["request"]) => seen.push({ name: "request", event }),
      response: (event: ZoomEventMap["response"]) => seen.push({ name: "response", event }),
    },
  };
}

const HOST = DEFAULT_USERS[0]!.email;

describe("request and response hooks against the simulator", () => {
  let sim: ZoomSimulator;
  beforeAll(async () => {
    sim = await startZoomSimulator();
  });
  afterAll(() => sim.close());

  it("report each attempt of a request refused once (401), with Zoom's tracking id and no token or e-mail", async () => {
    const { seen, hooks } = recorder();
    const zoom = createZoomClient({ ...DEFAULT_APP, baseUrl: sim.baseUrl, oauthUrl: sim.oauthUrl, hooks });
    const first = await zoom.tokens.getToken();
    sim.control.revokeTokens();

    const { data, response } = await zoom.GET("/users/{userId}", {
      params: { path: { userId: HOST }, query: { login_type: 100 } as never },
    });
    const second = await zoom.tokens.getToken();
    await zoom.close();

    expect(response.status).toBe(200);
    expect(data?.email).toBe(HOST);
    const where = {
      method: "GET",
      path: "/v2/users/{email}",
      template: "/users/{userId}",
      operationId: "user",
    };
    expect(seen.map((s) => s.name)).toEqual(["request", "response", "request", "response"]);
    expect(seen[0]!.event).toEqual({ ...where, attempt: 1 });
    expect(seen[1]!.event).toMatchObject({ ...where, attempt: 1, status: 401 });
    expect(seen[2]!.event).toEqual({ ...where, attempt: 2 });
    expect(seen[3]!.event).toMatchObject({ ...where, attempt: 2, status: 200 });
    for (const response of [seen[1]!.event, seen[3]!.event] as ZoomEventMap["response"][]) {
      expect(response.trackingId).toMatch(/^v=2\.0;clid=sim;rid=SIM_[0-9a-f-]{36}$/);
      expect(response.durationMs).toBeGreaterThan(0);
      expect(response.error).toBeUndefined();
    }
    expect((seen[1]!.event as ZoomEventMap["response"]).trackingId).not.toBe(
      (seen[3]!.event as ZoomEventMap["response"]).trackingId,
    );
    const said = JSON.stringify(seen);
    expect(first.value).not.toBe(second.value);
    for (const secret of [first.value, second.value, HOST, "login_type", DEFAULT_APP.clientSecret]) {
      expect(said).not.toContain(secret);
    }
  });
});

describe("request and response hooks without an answer", () => {
  it("report a network failure and a timeout as errors, retried, then the answer", async () => {
    const { seen, hooks } = recorder();
    const zoom = scriptedZoom(new TypeError("fetch failed"), "hang", Response.json({ id: 1 }));
    const client = clientUnder(zoom, { hooks, sleep: recordingSleep().sleep, timeoutMs: 50 });

    const { response } = await client.GET("/meetings/{meetingId}", { params: { path: { meetingId: 7 } } });

    expect(response.status).toBe(200);
    const where = {
      method: "GET",
      path: "/v2/meetings/7",
      template: "/meetings/{meetingId}",
      operationId: "meeting",
    };
    expect(seen.filter((s) => s.name === "response").map((s) => s.event)).toEqual([
      { ...where, attempt: 1, error: "network", durationMs: expect.any(Number) },
      { ...where, attempt: 2, error: "timeout", durationMs: expect.any(Number) },
      { ...where, attempt: 3, status: 200, durationMs: expect.any(Number) },
    ]);
    expect(JSON.stringify(seen)).not.toContain(tokenValue(1));
  });

  it("report the caller's abort, and leave paths outside zoomkit's document without a template", async () => {
    const { seen, hooks } = recorder();
    const controller = new AbortController();
    const zoom = scriptedZoom(() => {
      queueMicrotask(() => controller.abort(new Error("caller gave up")));
      return "hang";
    });
    const fetch = clientUnder(zoom, { hooks, tokens: stubTokens().provider });
    const request = fetch.GET("/meetings/{meetingId}/unknown" as "/meetings/{meetingId}", {
      params: { path: { meetingId: 7 } },
      signal: controller.signal,
    });

    await expect(request).rejects.toThrow("caller gave up");
    expect(seen.map((s) => s.event)).toEqual([
      { method: "GET", path: "/v2/meetings/7/unknown", attempt: 1 },
      {
        method: "GET",
        path: "/v2/meetings/7/unknown",
        attempt: 1,
        error: "aborted",
        durationMs: expect.any(Number),
      },
    ]);
  });

  it("a throwing request or response hook never breaks the request", async () => {
    const zoom = scriptedZoom(Response.json({ id: 1 }));
    const boom = () => {
      throw new Error("broken logger");
    };
    const client = clientUnder(zoom, { hooks: { request: boom, response: boom } });
    const { data } = await client.GET("/meetings/{meetingId}", { params: { path: { meetingId: 1 } } });
    expect(data).toEqual({ id: 1 });
  });
});
