/**
 * The store on Redis Cluster: a private one-node cluster on a free port (the shared server is left
 * alone). One node owns every slot, but cluster mode still refuses any script whose keys span two
 * slots (CROSSSLOT), so this proves the hash-tag layout and the cluster client path.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, createCluster, type RedisClusterType } from "@keyv/redis";
import { runTokenStoreSuite } from "@zoomkit/store-test-suite";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createRedisStore } from "../src/index.js";
import { closedPort, eventually } from "./helpers.js";

let server: ChildProcess | undefined;
let cluster: RedisClusterType | undefined;
let dir = "";

beforeAll(async () => {
  const port = await closedPort();
  dir = mkdtempSync(join(tmpdir(), "zk-redis-cluster-"));
  server = spawn(
    process.env.REDIS_SERVER_BIN ?? "redis-server",
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--cluster-enabled",
      "yes",
      "--cluster-config-file",
      join(dir, "nodes.conf"),
      "--dir",
      dir,
      "--save",
      "",
      "--appendonly",
      "no",
    ],
    { stdio: "ignore" },
  );
  const url = `redis://127.0.0.1:${port}`;
  const admin = createClient({ url, socket: { reconnectStrategy: 50 } });
  admin.on("error", () => {});
  await admin.connect();
  await admin.sendCommand(["CLUSTER", "ADDSLOTSRANGE", "0", "16383"]);
  await eventually(async () =>
    String(await admin.sendCommand(["CLUSTER", "INFO"])).includes("cluster_state:ok"),
  );
  admin.destroy();
  cluster = createCluster({ rootNodes: [{ url }] });
  cluster.on("error", () => {});
  await cluster.connect();
});

afterAll(async () => {
  cluster?.destroy();
  server?.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

it("refuses a script whose keys span slots (the cluster is real)", async () => {
  await expect(cluster!.eval("return 1", { keys: ["{a}:x", "{b}:y"], arguments: [] })).rejects.toThrow(
    /CROSSSLOT/,
  );
});

runTokenStoreSuite({
  name: "redis cluster",
  createStore: () => createRedisStore({ client: cluster!, namespace: "zk-cluster-test" }),
});
