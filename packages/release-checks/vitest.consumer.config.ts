import { defineConfig } from "vitest/config";

// The consumer test (`pnpm test:consumer`; `pnpm test` runs it under CI): one file, its cases in order.
export default defineConfig({
  test: {
    include: ["consumer-test/**/*.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 360_000,
  },
});
