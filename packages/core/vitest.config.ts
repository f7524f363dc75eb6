import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // One file at a time: the engine's load tests run real token lifetimes of a few seconds, and the
    // whole-API generation test would otherwise take the CPU from under them.
    fileParallelism: false,
  },
});
