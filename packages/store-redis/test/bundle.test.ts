/**
 * The store bundled into one file, as a serverless function would be (esbuild, as Lambda and Vercel
 * builds use it), and run with no node_modules beside it or above it: it must not read anything from
 * disk at run time (its Lua scripts are compiled in: src/generated/lua-scripts.ts).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";
import { bundleConsumer } from "./consumer-bundle.js";
import { randomNamespace, redisUrl } from "./helpers.js";

const outDir = mkdtempSync(join(tmpdir(), "zk-redis-bundle-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

// A tiny consumer: every kind of script runs once, and it prints what it saw.
const consumer = `
import { createRedisStore } from "./src/index.ts";

const store = createRedisStore({ url: process.env.REDIS_URL, namespace: process.env.NAMESPACE });
const written = await store.compareAndSet("{bundle}:token", 0, { value: "v", tag: "t" }, 60_000);
const read = await store.get("{bundle}:token");
const lease = await store.acquireLease("{bundle}:lease", "holder", 60_000);
const renewed = await store.renewLease(lease, 60_000);
const released = await store.releaseLease(renewed);
const events = await store.recordEvent("{bundle}:events", 60_000);
const deleted = await store.compareAndDelete("{bundle}:token", "t");
await store.close();
console.log(JSON.stringify({ written, read, fence: lease.fence, renewedFence: renewed?.fence, released, events, deleted }));
`;

it("runs bundled into one file with no node_modules anywhere above it", async () => {
  const outfile = join(outDir, "consumer.mjs");
  await bundleConsumer(consumer, outfile);
  for (let dir = outDir; ; dir = dirname(dir)) {
    expect(existsSync(join(dir, "node_modules")), `node_modules in ${dir}`).toBe(false);
    if (dirname(dir) === dir) break;
  }
  const { stdout } = await promisify(execFile)(process.execPath, [outfile], {
    cwd: outDir,
    env: { PATH: process.env.PATH, REDIS_URL: redisUrl, NAMESPACE: randomNamespace() },
    timeout: 20_000,
  });
  const seen = JSON.parse(stdout);
  expect(seen.written).toMatchObject({ value: "v", tag: "t" });
  expect(seen.read).toEqual(seen.written);
  expect(seen.fence).toBeGreaterThan(0);
  expect(seen.renewedFence).toBe(seen.fence);
  expect(seen).toMatchObject({ released: true, events: 1, deleted: true });
});
