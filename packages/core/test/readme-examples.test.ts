/**
 * The README's TypeScript examples are the type-checked files of `examples/`, word for word: each block
 * followed by "(This example is `examples/x.ts`..." equals that file, read as a user would write it
 * (imports from the package instead of `../src`, without the file's opening comment).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const readme = readFileSync(join(root, "README.md"), "utf8");

/** Each README block that names its example file, with that file's name. */
function namedBlocks(): { file: string; block: string }[] {
  const found: { file: string; block: string }[] = [];
  const pattern = /```ts\n((?:(?!```)[\s\S])*)```\n\n\(This example is `(examples\/[\w-]+\.ts)`/g;
  for (const match of readme.matchAll(pattern)) found.push({ block: match[1]!, file: match[2]! });
  return found;
}

/** The example as a user writes it: package imports, no opening comment. */
function asUserCode(source: string): string {
  return source
    .replace(/^(\/\/.*\n)+/, "")
    .replaceAll('"../src/index.js"', '"@zoomkit/core"')
    .replaceAll('"../src/webhooks/index.js"', '"@zoomkit/core/webhooks"');
}

describe("README examples", () => {
  const blocks = namedBlocks();

  it("names its example files", () => {
    expect(blocks.map((b) => b.file)).toEqual(
      expect.arrayContaining(["examples/create-meeting.ts", "examples/request-logging.ts"]),
    );
  });

  it.each(blocks)("shows $file unchanged", ({ file, block }) => {
    expect(block).toBe(asUserCode(readFileSync(join(root, file), "utf8")));
  });
});
