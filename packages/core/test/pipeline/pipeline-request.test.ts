import createClient from "openapi-fetch";
import { describe, expect, it } from "vitest";
import type { paths } from "../../src/generated/zoom-api.js";
import { createPipelineFetch } from "../../src/pipeline/fetch-pipeline.js";
import { PipelineRequest } from "../../src/pipeline/pipeline-request.js";
import { BASE_URL, meetingBody, scriptedZoom, stubTokens, zoomError } from "./helpers.js";

describe("PipelineRequest", () => {
  it("keeps a body that can be sent again, and takes it over when a request is moved", () => {
    const request = new PipelineRequest(`${BASE_URL}/users/me/meetings`, { method: "POST", body: '{"a":1}' });
    const moved = new PipelineRequest("https://api-eu.zoom.us/v2/users/me/meetings", request);

    expect(request.resendBody).toBe('{"a":1}');
    expect(moved.resendBody).toBe('{"a":1}');
  });

  it("is abortable only when built with a signal or from another request", () => {
    const url = `${BASE_URL}/meetings/1`;
    const withSignal = new PipelineRequest(url, { signal: new AbortController().signal });

    expect(new PipelineRequest(url).abortable).toBe(false);
    expect(new PipelineRequest(url, { method: "GET" }).abortable).toBe(false);
    expect(withSignal.abortable).toBe(true);
    expect(new PipelineRequest(url, withSignal).abortable).toBe(true);
  });

  it("keeps no stream, which can be read only once", () => {
    const stream = new Blob(["{}"]).stream();
    const request = new PipelineRequest(`${BASE_URL}/users/me/meetings`, {
      method: "POST",
      body: stream,
      duplex: "half",
    } as RequestInit);

    expect(request.resendBody).toBeUndefined();
  });

  it("lets an injected fetch see the body again on each attempt, without a clone per request", async () => {
    const zoom = scriptedZoom(
      zoomError(401, 124, "Invalid access token."),
      Response.json({ id: 3 }, { status: 201 }),
    );
    const fetch = createPipelineFetch({ fetch: zoom.fetch, tokens: stubTokens().provider });
    const client = createClient<paths>({ baseUrl: BASE_URL, fetch, Request: PipelineRequest });

    const { data } = await client.POST("/users/{userId}/meetings", {
      params: { path: { userId: "me" } },
      body: meetingBody,
    });

    expect(data).toEqual({ id: 3 });
    expect(zoom.sent.map((s) => JSON.parse(s.body))).toEqual([meetingBody, meetingBody]);
  });
});
