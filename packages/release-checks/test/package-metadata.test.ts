/**
 * What npm shows about every published package, and what its tarball carries: the licence, where the
 * code lives and where to report bugs, public provenance-signed publishing, the supported Node versions.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { publishedPackages, repoRoot } from "../../../scripts/lib/workspace.mjs";

const root = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
const changesetConfig = JSON.parse(readFileSync(join(repoRoot, ".changeset/config.json"), "utf8"));
const license = readFileSync(join(repoRoot, "LICENSE"), "utf8");

/** The files `npm pack` would put in the tarball (no build needed: only names are compared). */
function packedFiles(dir: string): string[] {
  const result = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: dir,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`npm pack --dry-run failed in ${dir}:\n${result.stderr}`);
  const [report] = JSON.parse(result.stdout) as { files: { path: string }[] }[];
  return (report?.files ?? []).map((file) => file.path);
}

describe("the root licence", () => {
  it("is MIT, held by the zoomkit contributors since 2026", () => {
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) 2026 zoomkit contributors\n/);
    expect(root.license).toBe("MIT");
  });
});

describe.each(
  publishedPackages().map(({ path, dir, pkg }) => ({ name: pkg.name as string, path, dir, pkg })),
)("$name", ({ path, dir, pkg }) => {
  it("points npm at its folder of the repository, its README and the issue tracker", () => {
    expect(pkg.repository).toEqual({ ...root.repository, directory: path });
    expect(pkg.homepage).toBe(`${root.homepage.replace(/#readme$/, "")}/tree/main/${path}#readme`);
    expect(pkg.bugs).toEqual(root.bugs);
  });

  it("is MIT licensed and publishes publicly with provenance", () => {
    expect(pkg.license).toBe("MIT");
    expect(pkg.publishConfig).toEqual({ access: "public", provenance: true });
  });

  it("supports the Node versions the repository tests", () => {
    expect(pkg.engines).toEqual(root.engines);
  });

  it("is in the changesets fixed group, so it moves on the one version line", () => {
    expect(changesetConfig.fixed).toEqual([expect.arrayContaining([pkg.name])]);
  });

  it("ships the root LICENSE, its README and its manifest in the tarball", () => {
    expect(readFileSync(join(dir, "LICENSE"), "utf8")).toBe(license);
    expect(packedFiles(dir)).toEqual(expect.arrayContaining(["LICENSE", "README.md", "package.json"]));
  });
});

describe("the changesets fixed group", () => {
  it("holds exactly the published packages", () => {
    const names = publishedPackages().map(({ pkg }) => pkg.name);
    expect([...changesetConfig.fixed[0]].sort()).toEqual([...names].sort());
    expect(changesetConfig.fixed).toHaveLength(1);
  });
});
