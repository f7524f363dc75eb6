import { runTokenStoreSuite } from "@zoomkit/store-test-suite";
import { Keyv } from "keyv";
import { createKeyvStore } from "../src/index.js";

// One Keyv for the file: stores made from it share its data and its in-process lock.
const keyv = new Keyv();
runTokenStoreSuite({ name: "keyv (memory)", createStore: () => createKeyvStore(keyv) });
