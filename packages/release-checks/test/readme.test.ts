/**
 * The READMEs a user reads first agree with the code: the root README's service example is the
 * type-checked example file, every published package's README gives its install command and the same
 * supported Node versions, and the compatibility table says what the manifests say.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { publishedPackages, repoRoot } from "../../../scripts/lib/workspace.mjs";

/** The one sentence on Node versions, server only and module formats, the same in every README. */
const supportLine =
  "Node.js 20.19+, 22.12+ or 24+ (tested on 20, 22 and 24), server only; ESM, and `require()` works too.";

const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
const root = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));

/** The text of the level-2 or level-3 section headed `title`, up to the next heading of its level. */
function section(text: string, title: string): string {
  const start = text.indexOf(`${title}\n`);
  expect(start, `section ${title}`).toBeGreaterThanOrEqual(0);
  const level = title.split(" ")[0] as string;
  const next = text.slice(start + title.length).search(new RegExp(`\\n${level} `));
  return next === -1 ? text.slice(start) : text.slice(start, start + title.length + next);
}

describe("the root README", () => {
  it("opens with how to use zoomkit in a service", () => {
    expect(readme.match(/^## .*/m)?.[0]).toBe("## Use it in your service");
  });

  it("shows the type-checked example file, unchanged", () => {
    const block = section(readme, "## Use it in your service").match(/```ts\n([\s\S]*?)```/)?.[1];
    const example = readFileSync(join(import.meta.dirname, "../examples/use-it-in-your-service.ts"), "utf8");
    expect(block).toBe(example);
  });

  it("states the supported Node versions as the engines field does", () => {
    expect(readme).toContain(supportLine);
    expect(root.engines.node).toBe("^20.19.0 || ^22.12.0 || >=24.0.0");
    expect(section(readme, "### Supported Node.js versions")).toContain(
      `\`engines\`: \`${root.engines.node.replaceAll("||", "\\|\\|")}\``,
    );
  });

  it("lists what every published package needs, as its manifest says", () => {
    const table = section(readme, "### Which versions go together");
    for (const { pkg } of publishedPackages()) {
      const peers: Record<string, string> = pkg.peerDependencies ?? {};
      const optional = (name: string) => pkg.peerDependenciesMeta?.[name]?.optional === true;
      const cell = (names: string[]) =>
        names.map((name) => `\`${name}\` ${(peers[name] as string).replace(/^workspace:/, "")}`).join(", ") ||
        "-";
      const names = Object.keys(peers).sort();
      expect(table).toContain(
        `| \`${pkg.name}\` | ${cell(names.filter((n) => !optional(n)))} | ${cell(names.filter(optional))} |`,
      );
    }
  });
});

describe.each(publishedPackages().map(({ dir, pkg }) => ({ name: pkg.name as string, dir })))(
  "the README of $name",
  ({ name, dir }) => {
    const text = readFileSync(join(dir, "README.md"), "utf8");

    it("gives the npm install command for it", () => {
      expect(text).toMatch(new RegExp(`^npm install [^\\n]*${name.replace("/", "\\/")}(\\s|$)`, "m"));
    });

    it("states the supported Node versions like every other README", () => {
      expect(text).toContain(supportLine);
    });
  },
);
