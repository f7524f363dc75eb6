import { runTokenStoreSuite } from "@zoomkit/store-test-suite";
import { createMemoryStore } from "../src/index.js";

runTokenStoreSuite({ name: "memory", createStore: () => createMemoryStore() });
