// `pnpm bench` (core), part 2: the client's overhead over plain openapi-fetch (DESIGN.md "The bar": within
// a few percent per call). The same GET /v2/users/{id} through
//   plain: openapi-fetch `createClient` with a fixed Authorization header, and
//   zoomkit: `createZoomClient` (pipeline + token engine, token cached in process),
// (1) against a real HTTP server (node:http on 127.0.0.1, keep-alive, in a worker thread so it has its
// own event loop) and (2) against an in-process fetch (a function returning a Response: no network, so
// the difference is the pipeline's own CPU cost per call). Rounds alternate between the two clients
// (ABBA order) and the figures are medians over rounds, so noise on a shared machine hits both alike.
// Prints a table and writes bench-results/client-overhead.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import createClient from "openapi-fetch";
import { createZoomClient } from "../dist/index.js";

const CONCURRENCY = 16;
const ROUNDS = 7;
const NETWORK_CALLS = 2_000;
const IN_PROCESS_CALLS = 10_000;
const TOKEN = "bench-fixed-token";
const USER = { id: "KDcuGIm1QgePTO8WbOqwIQ", email: "host@example.com", type: 2, status: "active" };
const USER_JSON = JSON.stringify(USER);
const TOKEN_JSON = JSON.stringify({
  access_token: TOKEN,
  token_type: "bearer",
  expires_in: 3600,
  scope: "user:read:admin",
});

/** The API server, in a worker: fixed JSON for GET /v2/users/{id}, a token for POST /oauth/token. */
const serverSource = `
const http = require("node:http");
const { parentPort, workerData } = require("node:worker_threads");
const user = Buffer.from(workerData.user);
const token = Buffer.from(workerData.token);
let served = 0;
let unauthorized = 0;
const server = http.createServer({ keepAlive: true }, (req, res) => {
  if (req.method === "POST" && req.url === "/oauth/token") {
    req.resume();
    res.writeHead(200, { "content-type": "application/json", "content-length": token.length });
    res.end(token);
    return;
  }
  if (req.method === "GET" && req.url.startsWith("/v2/users/")) {
    served += 1;
    if (req.headers.authorization !== "Bearer " + workerData.bearer) unauthorized += 1;
    res.writeHead(200, { "content-type": "application/json", "content-length": user.length });
    res.end(user);
    return;
  }
  res.writeHead(404).end();
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => parentPort.postMessage({ port: server.address().port }));
parentPort.on("message", (m) => {
  if (m === "stats") parentPort.postMessage({ served, unauthorized });
  if (m === "close") server.close(() => process.exit(0));
});
`;

function startServer() {
  const worker = new Worker(serverSource, {
    eval: true,
    workerData: { user: USER_JSON, token: TOKEN_JSON, bearer: TOKEN },
  });
  const next = () => new Promise((resolve) => worker.once("message", resolve));
  return next().then(({ port }) => ({
    origin: `http://127.0.0.1:${port}`,
    stats: () => {
      worker.postMessage("stats");
      return next();
    },
    close: () => {
      worker.postMessage("close");
      return new Promise((resolve) => worker.once("exit", resolve));
    },
  }));
}

/** A fetch with no network: the token endpoint and the user endpoint answered in process. */
const inProcessFetch = async (input) => {
  const url = typeof input === "string" ? input : input.url;
  const json = url.endsWith("/oauth/token") ? TOKEN_JSON : USER_JSON;
  return new Response(json, { status: 200, headers: { "content-type": "application/json" } });
};

function clients(origin, fetch) {
  const baseUrl = `${origin}/v2`;
  const plain = createClient({
    baseUrl,
    headers: { Authorization: `Bearer ${TOKEN}` },
    ...(fetch ? { fetch } : {}),
  });
  const zoomkit = createZoomClient({
    accountId: "bench-account",
    clientId: "bench-client",
    clientSecret: "bench-secret",
    baseUrl,
    oauthUrl: `${origin}/oauth/token`,
    ...(fetch ? { fetch } : {}),
  });
  return { plain, zoomkit };
}

/** `calls` GETs from `CONCURRENCY` workers; per-call latencies in µs and the round's calls per second. */
async function round(client, calls) {
  const latencies = new Float64Array(calls);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= calls) return;
      const t0 = performance.now();
      const { data, error } = await client.GET("/users/{userId}", { params: { path: { userId: USER.id } } });
      latencies[i] = (performance.now() - t0) * 1000;
      if (error || data?.id !== USER.id) throw new Error("unexpected answer");
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort();
  return {
    callsPerSecond: calls / seconds,
    usPerCall: (seconds * 1e6) / calls,
    p50: latencies[Math.floor(calls * 0.5)],
    p99: latencies[Math.floor(calls * 0.99)],
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Interleaved rounds (ABBA), medians per metric. */
async function compare({ plain, zoomkit }, calls) {
  await round(plain, Math.ceil(calls / 4)); // warm-up: JIT, connections, the engine's one mint
  await round(zoomkit, Math.ceil(calls / 4));
  const runs = { plain: [], zoomkit: [] };
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? ["plain", "zoomkit"] : ["zoomkit", "plain"];
    for (const name of order) runs[name].push(await round(name === "plain" ? plain : zoomkit, calls));
  }
  const summary = {};
  for (const [name, list] of Object.entries(runs)) {
    summary[name] = {
      callsPerSecond: Math.round(median(list.map((x) => x.callsPerSecond))),
      usPerCall: round2(median(list.map((x) => x.usPerCall))),
      p50Us: round2(median(list.map((x) => x.p50))),
      p99Us: round2(median(list.map((x) => x.p99))),
      runsCallsPerSecond: list.map((x) => Math.round(x.callsPerSecond)),
    };
  }
  const tokens = zoomkit.tokens.stats();
  if (tokens.mints.total !== 1) throw new Error(`expected one mint, saw ${tokens.mints.total}`);
  // Overhead from paired rounds: each round's zoomkit time per call over the adjacent plain round's.
  const ratios = runs.plain.map((p, i) => runs.zoomkit[i].usPerCall / p.usPerCall);
  return {
    calls,
    rounds: ROUNDS,
    concurrency: CONCURRENCY,
    ...summary,
    overheadPercent: round2((median(ratios) - 1) * 100),
    overheadUsPerCall: round2(summary.zoomkit.usPerCall - summary.plain.usPerCall),
  };
}

const round2 = (x) => Math.round(x * 100) / 100;

const server = await startServer();
const network = await compare(clients(server.origin), NETWORK_CALLS);
const served = await server.stats();
await server.close();
if (served.unauthorized !== 0) throw new Error("a request reached the server without the bearer token");
const inProcess = await compare(clients("https://api.zoom.invalid", inProcessFetch), IN_PROCESS_CALLS);

const result = {
  benchmark: "client overhead: createZoomClient (token cached) vs plain openapi-fetch with a fixed header",
  request: "GET /v2/users/{userId}, small JSON answer",
  network: { server: "node:http on 127.0.0.1, keep-alive, worker thread", ...network },
  inProcess: { fetch: "function returning a Response (no network)", ...inProcess },
  node: process.version,
  cpu: `${cpus().length} x ${cpus()[0]?.model ?? "unknown"}`,
  date: new Date().toISOString(),
};
const dir = new URL("../bench-results/", import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL("client-overhead.json", dir), `${JSON.stringify(result, null, 2)}\n`);

const fmt = (n) => n.toLocaleString("en-US");
const row = (label, name, s) =>
  `${label.padEnd(12)} ${name.padEnd(8)} ${fmt(s.callsPerSecond).padStart(9)} ${String(s.usPerCall).padStart(9)} ${String(s.p50Us).padStart(9)} ${String(s.p99Us).padStart(9)}`;
console.log(
  `client overhead (median of ${ROUNDS} interleaved rounds, concurrency ${CONCURRENCY}, ${result.cpu})`,
);
console.log(
  `${"fetch".padEnd(12)} ${"client".padEnd(8)} ${"calls/s".padStart(9)} ${"µs/call".padStart(9)} ${"p50 µs".padStart(9)} ${"p99 µs".padStart(9)}`,
);
for (const [label, r] of [
  ["127.0.0.1", network],
  ["in-process", inProcess],
]) {
  console.log(row(label, "plain", r.plain));
  console.log(row(label, "zoomkit", r.zoomkit));
  console.log(
    `${"".padEnd(12)} overhead ${r.overheadPercent} % per call (${r.overheadUsPerCall} µs), median of paired rounds`,
  );
}
