import { runTokenStoreSuite } from "@zoomkit/store-test-suite";
import { createRedisStore } from "../src/index.js";
import { randomNamespace, redisUrl } from "./helpers.js";

// One namespace for the file: the suite's "other processes" are further stores over the same data.
const namespace = randomNamespace();
runTokenStoreSuite({ name: "redis", createStore: () => createRedisStore({ url: redisUrl, namespace }) });
