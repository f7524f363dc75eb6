// The clients the client-overhead benchmark puts side by side, each as a new user would set it up, each
// making the same two calls: create a meeting for a host (POST /users/{userId}/meetings, 201) and delete
// it (DELETE /meetings/{meetingId}, 204). A call that does not get its status throws: the benchmark
// stops rather than measure failures.
import { MeetingsS2SAuthClient } from "@zoom/rivet/meetings";
import createClient from "openapi-fetch";
import { createMemoryStore, createZoomClient } from "../../dist/index.js";

/** The meeting every client creates (the same bytes for all). */
export const MEETING = { topic: "bench", type: 2, duration: 30 };

const expect = (status, wanted, what) => {
  if (status !== wanted) throw new Error(`${what}: HTTP ${status}, expected ${wanted}`);
};

/**
 * One mint from the token endpoint, outside any measured round: the fixed header of the clients that
 * are given a token rather than credentials.
 */
export async function mintFixedToken({ oauthUrl, app }) {
  const basic = Buffer.from(`${app.clientId}:${app.clientSecret}`).toString("base64");
  const response = await fetch(oauthUrl, {
    method: "POST",
    headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "account_credentials", account_id: app.accountId }),
  });
  expect(response.status, 200, "token endpoint");
  return (await response.json()).access_token;
}

/** Plain `fetch` with a fixed Authorization header: the floor. */
export function plainFetchClient({ baseUrl, userId, token }) {
  const auth = `Bearer ${token}`;
  const createUrl = `${baseUrl}/users/${encodeURIComponent(userId)}/meetings`;
  const body = JSON.stringify(MEETING);
  return {
    async create() {
      const response = await fetch(createUrl, {
        method: "POST",
        headers: { authorization: auth, "content-type": "application/json" },
        body,
      });
      expect(response.status, 201, "create");
      return (await response.json()).id;
    },
    async remove(id) {
      const response = await fetch(`${baseUrl}/meetings/${id}`, {
        method: "DELETE",
        headers: { authorization: auth },
      });
      await response.arrayBuffer();
      expect(response.status, 204, "delete");
    },
  };
}

/** Calls through an openapi-fetch-shaped client (`POST`, `DELETE` returning `{ data, response }`). */
function typedCalls(client, userId) {
  return {
    async create() {
      const { data, response } = await client.POST("/users/{userId}/meetings", {
        params: { path: { userId } },
        body: MEETING,
      });
      expect(response.status, 201, "create");
      return data.id;
    },
    async remove(id) {
      const { response } = await client.DELETE("/meetings/{meetingId}", {
        params: { path: { meetingId: id } },
      });
      expect(response.status, 204, "delete");
    },
  };
}

/** openapi-fetch `createClient` with a fixed Authorization header: the bar (ratios are against it). */
export function openapiFetchClient({ baseUrl, userId, token, fetch }) {
  const client = createClient({
    baseUrl,
    headers: { Authorization: `Bearer ${token}` },
    ...(fetch ? { fetch } : {}),
  });
  return typedCalls(client, userId);
}

/** zoomkit's `createZoomClient` with its defaults: token engine, pipeline, the given store. */
export function zoomkitClient({ baseUrl, oauthUrl, userId, app, store, fetch }) {
  const client = createZoomClient({
    accountId: app.accountId,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    baseUrl,
    oauthUrl,
    store: store ?? createMemoryStore(),
    ...(fetch ? { fetch } : {}),
  });
  return { ...typedCalls(client, userId), mints: () => client.tokens.stats().mints.total };
}

/**
 * Zoom's own Node SDK, `@zoom/rivet` (S2S OAuth client of the meetings product, receiver off). `baseUrl`
 * is its option; its token request goes to the hard-coded https://zoom.us/oauth/token, which reaches the
 * local token endpoint through HTTPS_PROXY (see ../zoom-us/stand-in.mjs). Its token store is the
 * default in-memory one, wrapped only to count the tokens it stores (one per mint).
 */
export function rivetClient({ baseUrl, userId, app }) {
  let current;
  let mints = 0;
  const tokenStore = {
    getLatestToken: () => current,
    storeToken: (token) => {
      mints += 1;
      current = token;
    },
  };
  const { endpoints } = new MeetingsS2SAuthClient({
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    accountId: app.accountId,
    baseUrl,
    tokenStore,
    disableReceiver: true,
  });
  return {
    async create() {
      const { data, statusCode } = await endpoints.meetings.createMeeting({
        path: { userId },
        body: MEETING,
      });
      expect(statusCode, 201, "create");
      return data.id;
    },
    async remove(id) {
      const { statusCode } = await endpoints.meetings.deleteMeeting({ path: { meetingId: id } });
      expect(statusCode, 204, "delete");
    },
    mints: () => mints,
  };
}

/**
 * A fetch with no network for the in-process comparison: the token endpoint, the create and the delete
 * answered in this process, so what is left is each client's own CPU per call.
 */
export function inProcessFetch(token) {
  const tokenJson = JSON.stringify({
    access_token: token,
    token_type: "bearer",
    expires_in: 3600,
    scope: "",
  });
  const meetingJson = JSON.stringify({ id: 81234567890, ...MEETING });
  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    await request.arrayBuffer();
    if (request.url.endsWith("/oauth/token"))
      return new Response(tokenJson, { status: 200, headers: { "content-type": "application/json" } });
    if (request.method === "DELETE") return new Response(null, { status: 204 });
    return new Response(meetingJson, { status: 201, headers: { "content-type": "application/json" } });
  };
}
