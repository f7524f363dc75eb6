import { runTokenStoreSuite } from "@zoomkit/store-test-suite";
import { createPostgresStore } from "../src/index.js";
import { DATABASE_URL, useTestSchema } from "./helpers.js";

// One schema for the file: the suite's "other processes" are further stores over the same table.
const { schema } = useTestSchema("zk_suite");
runTokenStoreSuite({
  name: "postgres",
  createStore: () => createPostgresStore({ connectionString: DATABASE_URL, schema }),
});
