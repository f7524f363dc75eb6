// `pnpm bench`: requests per second the simulator sustains, so benchmarks of the client can be sure they
// measure the client. The simulator runs in its own process (the shipped CLI); this process drives it
// over keep-alive connections from N concurrent clients, loopback only, a few seconds per scenario.
// Prints a table and saves bench-results/simulator.json.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { availableParallelism, cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const WARMUP_SECONDS = 0.5;
const APP = { accountId: "sim-account-1", clientId: "sim-client-id", clientSecret: "sim-client-secret" };
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const resultsDir = fileURLToPath(new URL("../bench-results/", import.meta.url));

function startSimulator(extraArgs) {
  const child = spawn(process.execPath, [cli, "--port", "0", ...extraArgs], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d.toString();
      const url = /^ZOOMKIT_SIMULATOR_URL=(\S+)$/m.exec(out)?.[1];
      if (url) resolve({ child, url });
    });
    child.on("exit", (code) => reject(new Error(`simulator exited with ${code}`)));
  });
}

/**
 * CPU seconds the simulator process has used (Linux /proc; `null` elsewhere). Requests per CPU-second is
 * the simulator's own cost, unlike wall-clock req/s, which a busy machine or the client can drag down.
 */
function cpuSeconds(pid) {
  const path = `/proc/${pid}/stat`;
  if (!existsSync(path)) return null;
  const fields = readFileSync(path, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function send(agent, url, method, headers, body) {
  return new Promise((resolve) => {
    const req = request(url, { method, headers, agent }, (res) => {
      const chunks = [];
      res.on("data", (d) => chunks.push(d));
      res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.on("error", (error) => resolve({ status: 0, body: String(error) }));
    req.end(body);
  });
}

async function measure(name, pid, makeRequest) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies = [];
  let ok = 0;
  let failed = 0;
  let recording = false;
  let cpuAtStart = null;
  const warmupEnds = Date.now() + WARMUP_SECONDS * 1000;
  const ends = warmupEnds + SECONDS * 1000;
  async function worker() {
    while (Date.now() < ends) {
      const started = process.hrtime.bigint();
      const { status } = await makeRequest(agent);
      if (!recording && Date.now() >= warmupEnds) {
        recording = true;
        cpuAtStart = cpuSeconds(pid);
      }
      if (!recording) continue;
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (status >= 200 && status < 300) ok += 1;
      else failed += 1;
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const cpuAtEnd = cpuSeconds(pid);
  agent.destroy();
  const cpu = cpuAtStart === null || cpuAtEnd === null ? null : cpuAtEnd - cpuAtStart;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return {
    scenario: name,
    requests: ok + failed,
    failed,
    requestsPerSecond: Math.round((ok + failed) / SECONDS),
    simulatorCpuSeconds: cpu,
    requestsPerCpuSecond: cpu ? Math.round((ok + failed) / cpu) : null,
    p50Ms: Number(pct(50).toFixed(2)),
    p99Ms: Number(pct(99).toFixed(2)),
  };
}

/** Both scenarios against one simulator process. */
async function runConfiguration(label, extraArgs) {
  const { child, url } = await startSimulator(extraArgs);
  try {
    const basic = `Basic ${Buffer.from(`${APP.clientId}:${APP.clientSecret}`).toString("base64")}`;
    const form = `grant_type=account_credentials&account_id=${APP.accountId}`;
    const mintHeaders = { authorization: basic, "content-type": "application/x-www-form-urlencoded" };
    const agent = new Agent({ keepAlive: true });
    const minted = JSON.parse((await send(agent, `${url}/oauth/token`, "POST", mintHeaders, form)).body);
    const bearer = { authorization: `Bearer ${minted.access_token}`, "content-type": "application/json" };
    const meeting = await send(agent, `${url}/v2/users/me/meetings`, "POST", bearer, '{"topic":"bench"}');
    const { id } = JSON.parse(meeting.body);
    agent.destroy();
    const get = { authorization: bearer.authorization };
    return [
      await measure(`token mint, ${label}`, child.pid, (a) =>
        send(a, `${url}/oauth/token`, "POST", mintHeaders, form),
      ),
      await measure(`get meeting, ${label}`, child.pid, (a) =>
        send(a, `${url}/v2/meetings/${id}`, "GET", get),
      ),
    ];
  } finally {
    child.kill("SIGTERM");
  }
}

const results = [
  ...(await runConfiguration("CLI (own process)", [])),
  ...(await runConfiguration("embedded settings", ["--no-override-globals"])),
];
const report = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model ?? "unknown",
  cores: availableParallelism(),
  loadAverageAtStart: loadavg()[0],
  concurrency: CONCURRENCY,
  seconds: SECONDS,
  method:
    "simulator in its own process (dist/cli.js); node:http keep-alive clients in this process; loopback. " +
    "'embedded settings' keeps Node's own Request/Response, as startZoomSimulator does by default.",
  results,
};
console.log(
  `\n@zoomkit/simulator: ${CONCURRENCY} concurrent keep-alive clients, ${SECONDS} s per scenario\n`,
);
console.table(
  results.map((r) => ({
    scenario: r.scenario,
    "req/s": r.requestsPerSecond,
    "req per simulator CPU-s": r.requestsPerCpuSecond ?? "n/a",
    failed: r.failed,
    "p50 ms": r.p50Ms,
    "p99 ms": r.p99Ms,
  })),
);
mkdirSync(resultsDir, { recursive: true });
writeFileSync(`${resultsDir}simulator.json`, `${JSON.stringify(report, null, 2)}\n`);
console.log(
  `saved ${resultsDir}simulator.json (load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores)`,
);
if (results.some((r) => r.failed > 0 || r.requests === 0)) process.exitCode = 1;
