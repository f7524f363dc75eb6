// The client process of the client-overhead benchmark, run once per Node version by
// ../client-overhead.mjs: `node runner.mjs <out.json> <certificate.json>`, with NODE_EXTRA_CA_CERTS set
// to the zoom.us stand-in's certificate. Without Rivet it needs no certificate, e.g. to profile zoomkit:
// `BENCH_CLIENTS=zoomkit node --cpu-prof bench/overhead/runner.mjs /tmp/out.json`. It forks the fake Zoom (./fake-zoom.mjs), puts every client
// side by side (./clients.mjs) and writes its figures to <out.json>. ROUNDS and PAIRS (environment)
// shorten a trial run; BENCH_CLIENTS=openapi-fetch,zoomkit runs only those (openapi-fetch always runs:
// it is the baseline).
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { DEFAULT_APP, DEFAULT_USERS } from "@zoomkit/simulator";
import {
  inProcessFetch,
  mintFixedToken,
  openapiFetchClient,
  plainFetchClient,
  rivetClient,
  zoomkitClient,
} from "./clients.mjs";
import { compareClients } from "./measure.mjs";

const [out, certificate = "{}"] = process.argv.slice(2);
const ROUNDS = Number(process.env.ROUNDS ?? 9);
const PAIRS = Number(process.env.PAIRS ?? 1_000);
const CONCURRENCY = 16;
const only = process.env.BENCH_CLIENTS?.split(",");
const wanted = (name) => !only || name === "openapi-fetch" || only.includes(name);
const app = {
  accountId: DEFAULT_APP.accountId,
  clientId: DEFAULT_APP.clientId,
  clientSecret: DEFAULT_APP.clientSecret,
};
const userId = DEFAULT_USERS[0].id;

/** Forks the fake Zoom; resolves its URLs and a way to ask it for stats and to stop it. */
async function startFakeZoom() {
  const child = fork(new URL("fake-zoom.mjs", import.meta.url), [certificate], { stdio: "inherit" });
  const next = () =>
    new Promise((resolve, reject) => {
      child.once("message", resolve);
      child.once("exit", (code) => reject(new Error(`fake Zoom exited (${code})`)));
    });
  const urls = await next();
  return {
    ...urls,
    stats: () => {
      child.send("stats");
      return next();
    },
    close: () => {
      child.send("close");
      return new Promise((resolve) => child.once("exit", resolve));
    },
  };
}

/** A Redis store for zoomkit when REDIS_URL is set (loaded from the workspace's store-redis build). */
async function redisStore() {
  if (!process.env.REDIS_URL) return undefined;
  const { createRedisStore } = await import("../../../store-redis/dist/index.js");
  return createRedisStore({
    url: process.env.REDIS_URL,
    namespace: `zoomkit-bench-${randomBytes(4).toString("hex")}`,
  });
}

async function overLoopback(zoom) {
  const { baseUrl, oauthUrl } = zoom;
  // Rivet's token request (https://zoom.us/oauth/token, through axios) goes to the stand-in; the API
  // calls go to baseUrl directly.
  if (zoom.proxyUrl) {
    process.env.HTTPS_PROXY = zoom.proxyUrl;
    process.env.NO_PROXY = "127.0.0.1,localhost";
  }
  const token = await mintFixedToken({ oauthUrl, app });
  const redis = wanted("zoomkit-redis") ? await redisStore() : undefined;
  const entries = [
    { name: "fetch", client: plainFetchClient({ baseUrl, userId, token }) },
    { name: "openapi-fetch", client: openapiFetchClient({ baseUrl, userId, token }) },
    { name: "zoomkit", client: zoomkitClient({ baseUrl, oauthUrl, userId, app }) },
    ...(redis
      ? [{ name: "zoomkit-redis", client: zoomkitClient({ baseUrl, oauthUrl, userId, app, store: redis }) }]
      : []),
    ...(zoom.proxyUrl ? [{ name: "rivet", client: rivetClient({ baseUrl, userId, app }) }] : []),
  ].filter(({ name }) => wanted(name));
  try {
    const result = await compareClients(entries, {
      rounds: ROUNDS,
      pairs: PAIRS,
      concurrency: CONCURRENCY,
      baseline: "openapi-fetch",
    });
    for (const { name, client } of entries) if (client.mints) result.clients[name].mints = client.mints();
    return { ...result, server: await zoom.stats() };
  } finally {
    await redis?.close();
  }
}

async function inProcess() {
  const fetch = inProcessFetch("bench-in-process-token");
  const baseUrl = "https://api.zoom.invalid/v2";
  const oauthUrl = "https://zoom.invalid/oauth/token";
  const token = "bench-in-process-token";
  return compareClients(
    [
      { name: "openapi-fetch", client: openapiFetchClient({ baseUrl, userId, token, fetch }) },
      { name: "zoomkit", client: zoomkitClient({ baseUrl, oauthUrl, userId, app, fetch }) },
    ],
    { rounds: ROUNDS, pairs: PAIRS * 4, concurrency: CONCURRENCY, baseline: "openapi-fetch" },
  );
}

const zoom = await startFakeZoom();
let network;
try {
  network = await overLoopback(zoom);
} finally {
  await zoom.close();
}
const result = {
  node: process.version,
  cpu: `${cpus().length} x ${cpus()[0]?.model ?? "unknown"}`,
  network,
  inProcess: await inProcess(),
};
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
