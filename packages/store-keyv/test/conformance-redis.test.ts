import { randomUUID } from "node:crypto";
import KeyvRedis from "@keyv/redis";
import { runTokenStoreSuite } from "@zoomkit/store-test-suite";
import { Keyv } from "keyv";
import { afterAll } from "vitest";
import { createKeyvStore } from "../src/index.js";

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const namespace = `zk-keyv-test-${randomUUID()}`;
const keyv = new Keyv(new KeyvRedis(redisUrl, { namespace }), { namespace, useKeyPrefix: false });

afterAll(async () => {
  await keyv.clear();
  await keyv.disconnect();
});

runTokenStoreSuite({ name: "keyv (redis)", createStore: () => createKeyvStore(keyv) });
