/**
 * `pnpm test --also-on-node 24` runs every package's tests again with Node 24 first on PATH. This test
 * runs in that pass too, and fails if turbo, pnpm or vitest picked another Node than the one asked for
 * (`ZOOMKIT_EXPECT_NODE`, set by scripts/test.mjs for each pass).
 */
import { expect, it } from "vitest";

it("runs on the Node version the test pass was started for", () => {
  expect(process.versions.node).toBe(process.env.ZOOMKIT_EXPECT_NODE ?? process.versions.node);
});
