import { defineConfig } from "vitest/config";

// Only `pnpm test:live` (live/run.mjs) uses this: a real Zoom account, never in CI.
export default defineConfig({
  test: {
    include: ["live/**/*.live.test.ts"],
    testTimeout: 60_000,
    // One after the other: the order of mints matters to what is measured.
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
