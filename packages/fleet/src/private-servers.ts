/**
 * Private Redis and Postgres servers on free ports, for tests that stop and start the store under
 * load. The shared servers (6379, 5432) are never touched. Everything is asynchronous: the simulator
 * runs in the same process and must keep answering while a server stops or starts.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { chownSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort } from "./free-port.js";

const run = promisify(execFile);

/** A server that can be stopped (as a crash: no clean shutdown) and started again on the same port. */
export interface PrivateServer {
  /** Connection URL. */
  readonly url: string;
  readonly port: number;
  /** Kills the server abruptly and waits until it is gone. */
  stop(): Promise<void>;
  /** Starts it again on the same port and waits until it accepts connections. */
  start(): Promise<void>;
  /** Stops it for good and removes its files. */
  close(): Promise<void>;
}

/** Redis on a free port, nothing on disk: after a restart it is empty, as a crashed cache would be. */
export async function startPrivateRedis(): Promise<PrivateServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "zoomkit-redis-"));
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    const args = [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
      "--dir",
      dir,
    ];
    const started = spawn("redis-server", args, { stdio: "ignore" });
    child = started;
    await new Promise<void>((resolve, reject) => {
      started.once("error", reject);
      void waitForPort(port, 10_000, "+PONG", "PING\r\n").then(resolve, reject);
    });
  };
  const stop = async (): Promise<void> => {
    const current = child;
    child = undefined;
    if (!current || current.exitCode !== null || current.signalCode !== null) return;
    const gone = new Promise((resolve) => current.once("exit", resolve));
    current.kill("SIGKILL");
    await gone;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    stop,
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A private PostgreSQL cluster (initdb in a temporary directory, trust auth, socket in that directory)
 * on a free port. Postgres refuses to run as root, so as root it runs as the `postgres` OS user.
 */
export async function startPrivatePostgres(): Promise<PrivateServer> {
  const bin = postgresBin();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "zoomkit-pg-"));
  const data = join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number((await run("id", ["-u", "postgres"])).stdout.trim());
    const gid = Number((await run("id", ["-g", "postgres"])).stdout.trim());
    chownSync(dir, uid, gid);
  }
  const pg = (tool: string, args: string[]) =>
    asRoot ? run("runuser", ["-u", "postgres", "--", join(bin, tool), ...args]) : run(join(bin, tool), args);
  await pg("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "-N"]);
  const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const start = async (): Promise<void> => {
    await pg("pg_ctl", ["-D", data, "-l", join(dir, "log"), "-o", settings, "-w", "-t", "30", "start"]);
  };
  const stop = async (): Promise<void> => {
    // `immediate`: no checkpoint, connections cut at once; the next start recovers from the WAL.
    await pg("pg_ctl", ["-D", data, "-m", "immediate", "-w", "-t", "30", "stop"]).catch(() => undefined);
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresBin(): string {
  const base = "/usr/lib/postgresql";
  const versions = readdirSync(base)
    .map(Number)
    .filter(Number.isFinite)
    .sort((a, b) => b - a);
  if (versions.length === 0) throw new Error(`no PostgreSQL under ${base}; apt-get install postgresql`);
  return join(base, String(versions[0]), "bin");
}

/** Resolves once `port` answers `greeting` with a line starting with `expect`. */
async function waitForPort(port: number, timeoutMs: number, expect: string, greeting: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect({ port, host: "127.0.0.1" });
      socket.setTimeout(500);
      socket.once("connect", () => socket.write(greeting));
      socket.once("data", (chunk) => {
        socket.destroy();
        resolve(chunk.toString("utf8").startsWith(expect));
      });
      socket.once("error", () => resolve(false));
      socket.once("timeout", () => {
        socket.destroy();
        resolve(false);
      });
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing answered on port ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
