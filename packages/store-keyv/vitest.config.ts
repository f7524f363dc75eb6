import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // One file at a time: the conformance suite's provider cases run 1-second tokens with ~100 ms of
    // slack, which other files of this package starving the CPU (2 cores) could eat.
    fileParallelism: false,
  },
});
