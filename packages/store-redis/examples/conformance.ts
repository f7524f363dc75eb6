// Shown in @zoomkit/store-test-suite's README, type-checked with this package: a store's conformance
// test. In your project this is test/conformance.test.ts.
import { runTokenStoreSuite } from "@zoomkit/store-test-suite";
import { createRedisStore } from "../src/index.js";

runTokenStoreSuite({
  name: "redis",
  createStore: () => createRedisStore({ url: process.env.REDIS_URL ?? "redis://127.0.0.1:6379" }),
  ttlMs: 300, // a remote server: give time-to-live checks some room
});
