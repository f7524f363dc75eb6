/**
 * Every TypeScript block in a README is a copy of a file that `pnpm typecheck` checks
 * (scripts/lib/readme-examples.mjs): the repository's READMEs pass, and the checker catches each way a
 * block can go stale.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkReadme, codeBlocks, readmeFiles, syncReadme } from "../../../scripts/lib/readme-examples.mjs";
import { repoRoot, workspacePackages } from "../../../scripts/lib/workspace.mjs";

describe("the repository's READMEs", () => {
  it.each(readmeFiles().map((file) => [relative(repoRoot, file), file]))(
    "%s shows only example files, unchanged",
    (_name, file) => {
      expect(checkReadme(file)).toEqual([]);
    },
  );

  it("name files that their package's tsconfig type-checks", () => {
    const packages = workspacePackages().sort((a, b) => b.dir.length - a.dir.length);
    let named = 0;
    for (const readme of readmeFiles()) {
      for (const block of codeBlocks(readFileSync(readme, "utf8"))) {
        const file = join(dirname(readme), block.marker?.file ?? "");
        const owner = packages.find(({ dir }) => file.startsWith(`${dir}/`));
        expect(owner, `${file} lies in a workspace package`).toBeDefined();
        const tsconfig = JSON.parse(readFileSync(join(owner!.dir, "tsconfig.json"), "utf8"));
        const folder = relative(owner!.dir, file).split("/")[0];
        expect(tsconfig.include, `${relative(repoRoot, file)} is type-checked`).toContain(folder);
        named++;
      }
    }
    expect(named).toBeGreaterThanOrEqual(15);
  });
});

describe("the README example check", () => {
  let dir = "";
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A package `@acme/pkg` with an example file and a README made of `body`. */
  function fixture(body: string, example = 'import { a } from "../src/index.js";\n\nconsole.log(a);\n') {
    dir = mkdtempSync(join(tmpdir(), "zoomkit-readme-"));
    mkdirSync(join(dir, "examples"));
    mkdirSync(join(dir, "src"));
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({ name: "@acme/pkg", exports: { ".": { default: "./dist/index.js" } } }),
    );
    writeFileSync(join(dir, "examples/a.ts"), `// shown in the README\n${example}`);
    writeFileSync(join(dir, "README.md"), body);
    return join(dir, "README.md");
  }
  const shown = 'import { a } from "@acme/pkg";\n\nconsole.log(a);';

  it("accepts a block that is its file, leading comment dropped and imports under the package's name", () => {
    expect(
      checkReadme(fixture(`<!-- example: examples/a.ts -->\n\`\`\`ts\n${shown}\n\`\`\`\n`), dir),
    ).toEqual([]);
  });

  it("reports a block that differs from its file", () => {
    const readme = fixture(
      `# A\n\n<!-- example: examples/a.ts -->\n\`\`\`ts\n${shown.replace("a)", "b)")}\n\`\`\`\n`,
    );
    expect(checkReadme(readme, dir)).toEqual(["README.md:4: differs from examples/a.ts"]);
  });

  it("reports a TypeScript block without a marker, and leaves shell blocks alone", () => {
    const readme = fixture("```sh\nnpm i\n```\n\n```ts\nconst x = 1;\n```\n");
    expect(checkReadme(readme, dir)).toEqual([
      "README.md:5: a ts block without an <!-- example: file --> marker before it",
    ]);
  });

  it("reports a marker that names a missing file or region", () => {
    const readme = fixture(
      "<!-- example: examples/gone.ts -->\n```ts\nx\n```\n\n<!-- example: examples/a.ts#setup -->\n```ts\nx\n```\n",
    );
    expect(checkReadme(readme, dir)).toEqual([
      "README.md:2: the marker names examples/gone.ts, which does not exist",
      "README.md:7: the marker names region setup of examples/a.ts, which has no such region",
    ]);
  });

  it("shows a region dedented, and --write copies it into the README", () => {
    const example =
      "export function f() {\n  // #region body\n  const y = 2;\n  return y;\n  // #endregion body\n}\n";
    const readme = fixture("<!-- example: examples/a.ts#body -->\n```ts\nstale\n```\n", example);
    expect(checkReadme(readme, dir)).toEqual(["README.md:2: differs from examples/a.ts#body"]);
    expect(syncReadme(readme)).toBe(true);
    expect(readFileSync(readme, "utf8")).toBe(
      "<!-- example: examples/a.ts#body -->\n```ts\nconst y = 2;\nreturn y;\n```\n",
    );
    expect(checkReadme(readme, dir)).toEqual([]);
  });
});
