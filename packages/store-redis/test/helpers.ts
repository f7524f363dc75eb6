import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { createClient } from "@keyv/redis";
import type { TokenStore } from "@zoomkit/core";
import { afterAll, afterEach } from "vitest";
import { createRedisStore, type RedisStoreCommonOptions } from "../src/index.js";

export const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** A raw client for looking at and tampering with what the store wrote. */
export const raw = createClient({ url: redisUrl });
raw.on("error", () => {});
let rawConnected: Promise<unknown> | undefined;
export async function rawClient() {
  rawConnected ??= raw.connect();
  await rawConnected;
  return raw;
}

const namespaces: string[] = [];
const stores: TokenStore[] = [];

/** A namespace no other test run uses; its keys are deleted after the test file. */
export function randomNamespace(): string {
  const namespace = `zk-test-${randomUUID()}`;
  namespaces.push(namespace);
  return namespace;
}

/** A key with a credential hash tag, as the provider builds them. */
export function credentialKey(suffix = "token"): string {
  return `{acct:client:${randomUUID().slice(0, 8)}}:${suffix}`;
}

/** A store on the test server, closed after the test. */
export function testStore(options: RedisStoreCommonOptions = {}): TokenStore {
  const store = createRedisStore({ url: redisUrl, namespace: randomNamespace(), ...options });
  stores.push(store);
  return store;
}

/** Tracks a store created by hand so it is closed after the test. */
export function track<T extends TokenStore>(store: T): T {
  stores.push(store);
  return store;
}

/** A TCP port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Polls `condition` every 20 ms until it holds (bounded by the test timeout). */
export async function eventually(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

afterAll(async () => {
  const client = await rawClient();
  for (const namespace of namespaces.splice(0)) {
    for await (const keys of client.scanIterator({ MATCH: `${namespace}::*`, COUNT: 1000 })) {
      if (keys.length > 0) await client.del(keys);
    }
  }
  client.destroy();
});
