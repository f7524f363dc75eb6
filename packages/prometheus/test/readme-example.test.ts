/** The README's example is `examples/service.ts` (type-checked with the package), word for word. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";

it("shows examples/service.ts unchanged", () => {
  const root = join(import.meta.dirname, "..");
  const block = readFileSync(join(root, "README.md"), "utf8").match(/```ts\n([\s\S]*?)```/)?.[1];
  const example = readFileSync(join(root, "examples/service.ts"), "utf8")
    .replace(/^(\/\/.*\n)+/, "")
    .replaceAll('"../src/index.js"', '"@zoomkit/prometheus"');
  expect(block).toBe(example);
});
