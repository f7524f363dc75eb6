/**
 * Bad-input matrix, token replies: what a token endpoint can answer that is not a usable token, served
 * over real HTTP by a stand-in for Zoom's endpoint (the API calls go to the simulator). Each input gets
 * its documented answer from a meeting route (502 `zoom_unavailable` for an unusable reply or an outage,
 * 503 `zoom_credentials_invalid` for refused credentials), never a 500; nothing is stored; no answer or
 * log line carries the secret, the Basic credentials or anything the endpoint sent as a token.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createMemoryStore, createZoomClient } from "@zoomkit/core";
import { DEFAULT_APP, type ZoomSimulator } from "@zoomkit/simulator";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ServedApp, serveApp } from "../support/in-process.js";
import { errorLines, expectNoSecrets, reportMatrix } from "../support/matrix.js";
import { startSimulator } from "../support/zoom.js";

type Reply = (req: IncomingMessage, res: ServerResponse) => void;
const json =
  (body: unknown, status = 200): Reply =>
  (_, res) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
const raw =
  (text: string, status = 200): Reply =>
  (_, res) => {
    res.writeHead(status, { "content-type": "text/html" });
    res.end(text);
  };
const LEAKED = "tok-leaked-by-a-bad-reply-0123456789";
const good = { access_token: LEAKED, token_type: "bearer", expires_in: 3600, scope: "meeting:read:admin" };

const BAD = { status: 502, error: "zoom_unavailable" };
const REFUSED = { status: 503, error: "zoom_credentials_invalid" };
const matrix: [string, Reply, { status: number; error: string }][] = [
  ["HTML with status 200", raw("<html><body>Sign in</body></html>"), BAD],
  ["an empty body", raw(""), BAD],
  ["a JSON array", json([good]), BAD],
  ["no access_token", json({ ...good, access_token: undefined }), BAD],
  ["an empty access_token", json({ ...good, access_token: "" }), BAD],
  ["a token with CRLF (header injection)", json({ ...good, access_token: `${LEAKED}\r\nx-evil: 1` }), BAD],
  ["a token of 20 KiB", json({ ...good, access_token: LEAKED.repeat(600) }), BAD],
  ["expires_in 1e400", raw(`{"access_token":"${LEAKED}","expires_in":1e400}`), BAD],
  ["expires_in of a year", json({ ...good, expires_in: 365 * 86_400 }), BAD],
  ["expires_in 0", json({ ...good, expires_in: 0 }), BAD],
  ["a negative expires_in", json({ ...good, expires_in: -5 }), BAD],
  ["expires_in as a string", json({ ...good, expires_in: "3600" }), BAD],
  ["no expires_in", json({ ...good, expires_in: undefined }), BAD],
  ["a body over 64 KiB", json({ ...good, padding: "x".repeat(70 * 1024) }), BAD],
  [
    "a chunked body over 64 KiB",
    (_, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      for (let i = 0; i < 80; i++) res.write("x".repeat(1024));
      res.end();
    },
    BAD,
  ],
  ["status 500", json({ reason: "internal" }, 500), BAD],
  ["status 503 with HTML", raw("<h1>maintenance</h1>", 503), BAD],
  ["a connection closed without an answer", (req) => req.socket.destroy(), BAD],
  [
    "a connection closed mid-body",
    (_, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "500" });
      res.write(`{"access_token":"${LEAKED}"`);
      setTimeout(() => res.socket?.destroy(), 10);
    },
    BAD,
  ],
  [
    "refused credentials (400 invalid_client)",
    json({ reason: "Invalid client_id or client_secret", error: "invalid_client" }, 400),
    REFUSED,
  ],
  ["refused credentials (401)", json({ reason: "Invalid client", error: "invalid_client" }, 401), REFUSED],
];

let sim: ZoomSimulator;
let endpoint: Server;
let oauthUrl: string;
let reply: Reply = json(good);
const basics: string[] = [];
const served: ServedApp[] = [];

beforeAll(async () => {
  sim = await startSimulator();
  endpoint = createServer((req, res) => {
    basics.push(req.headers.authorization ?? "");
    req.resume();
    reply(req, res);
  });
  await new Promise<void>((resolve) => endpoint.listen(0, "127.0.0.1", resolve));
  oauthUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/oauth/token`;
});

afterAll(async () => {
  await Promise.all(served.map((app) => app.close()));
  endpoint?.closeAllConnections();
  await new Promise((resolve) => endpoint?.close(resolve));
  await sim?.close();
  reportMatrix("token replies", matrix.length);
});

it.each(matrix)("answers a meeting route for %s with its documented status", async (_, bad, expected) => {
  reply = bad;
  const store = createMemoryStore();
  const zoom = createZoomClient({
    accountId: DEFAULT_APP.accountId,
    clientId: DEFAULT_APP.clientId,
    clientSecret: DEFAULT_APP.clientSecret,
    baseUrl: sim.baseUrl,
    oauthUrl,
    store,
  });
  const app = await serveApp(sim, store, { zoom });
  served.push(app);
  const answer = await fetch(`${app.url}/meetings/85000000001`, {
    headers: { authorization: `Bearer ${app.apiKey}` },
  });
  const text = await answer.text();
  expect({ status: answer.status, error: (JSON.parse(text) as { error: string }).error }).toEqual(expected);
  expect(await zoom.tokens.fleet.inspect()).toMatchObject({ reachable: true, token: { state: "absent" } });
  const everything = `${text}\n${JSON.stringify(app.logs)}`;
  expectNoSecrets(everything, [DEFAULT_APP.clientSecret, LEAKED, ...new Set(basics)], "the answer and logs");
  expect(errorLines(app.logs)).toEqual([]);
  await zoom.close();
});
