import { defineConfig } from "vitest/config";

// Each test runs a fleet of real OS processes: one file at a time, or two fleets fight over 2 cores.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
