import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each case runs the built `zoomkit` bin as a child process against the simulator: generous bounds
    // for a busy 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
