/**
 * A process that creates a Redis store, uses it and closes it exits on its own: nothing the store
 * opened (its connections, the pub/sub subscriber it connects in the background after a command)
 * outlives `close()`. Run in a real child process. The bound is generous for a busy 2-core machine: what
 * it catches is a process that does not exit at all.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, expect, it } from "vitest";
import { bundleConsumer } from "./consumer-bundle.js";
import { randomNamespace, redisUrl } from "./helpers.js";

const EXIT_BOUND_MS = 15_000;

const outDir = mkdtempSync(join(tmpdir(), "zk-redis-exit-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const consumer = (use: string) => `
import { createRedisStore } from "./src/index.ts";

const store = createRedisStore({ url: process.env.REDIS_URL, namespace: process.env.NAMESPACE });
${use}
await store.close();
process.stdout.write("closed\\n");
`;

it.each([
  // One command, then close at once: the subscriber the store connects after it is still connecting.
  { name: "command", uses: "one command", use: `await store.recordEvent("{exit}:events", 60_000);` },
  {
    name: "wait",
    uses: "a wait for a change through pub/sub",
    use: `await store.recordEvent("{exit}:events", 60_000);\nawait store.waitForChange("{exit}:token", 0, 100);`,
  },
])("exits on its own after close(), having used $uses", async ({ name, use }) => {
  const outfile = join(outDir, `consumer-${name}.mjs`);
  await bundleConsumer(consumer(use), outfile);
  const child = spawn(process.execPath, [outfile], {
    env: { PATH: process.env.PATH, REDIS_URL: redisUrl, NAMESPACE: randomNamespace() },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const exited = once(child, "exit").then(([code]) => ({ exited: true, code }));
  const ended = await Promise.race([exited, sleep(EXIT_BOUND_MS, { exited: false, code: undefined })]);
  if (!ended.exited) {
    child.kill("SIGKILL");
    await exited;
  }
  expect(output).toBe("closed\n");
  expect(ended).toEqual({ exited: true, code: 0 });
});
