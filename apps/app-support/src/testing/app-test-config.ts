/**
 * The vitest settings of an app whose tests spawn its built entry point: each app keeps a
 * `test/support/build.ts` global setup that compiles it first, and child processes get 30 s.
 *
 * @example
 * export default defineConfig({ test: appTestConfig });
 */
export const appTestConfig = {
  include: ["test/**/*.test.ts"],
  globalSetup: ["test/support/build.ts"],
  testTimeout: 30_000,
  hookTimeout: 30_000,
};
