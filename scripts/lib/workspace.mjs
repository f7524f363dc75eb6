// The workspace as the release tooling sees it: every package with its manifest, and which are published.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file lives in `scripts/lib/`). */
export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** The folders that hold workspace packages, as `pnpm-workspace.yaml` lists them. */
export const workspaceGroups = ["packages", "apps"];

/**
 * Every workspace package under `root`: its folder, its path relative to `root` and its manifest.
 *
 * @param {string} [root]
 * @returns {{ dir: string, path: string, pkg: Record<string, any> }[]}
 */
export function workspacePackages(root = repoRoot) {
  const found = [];
  for (const group of workspaceGroups) {
    const base = join(root, group);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base).sort()) {
      const manifest = join(base, name, "package.json");
      if (!existsSync(manifest)) continue;
      found.push({
        dir: join(base, name),
        path: `${group}/${name}`,
        pkg: JSON.parse(readFileSync(manifest, "utf8")),
      });
    }
  }
  return found;
}

/**
 * The packages a release publishes (every package that is not `private`), by name.
 *
 * @param {string} [root]
 */
export function publishedPackages(root = repoRoot) {
  return workspacePackages(root).filter(({ pkg }) => pkg.private !== true);
}
