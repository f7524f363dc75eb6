// Packs the published packages as `pnpm publish` would (workspace: ranges replaced by real ones) and
// checks each tarball: the files every package must carry, and no workspace-only range left behind.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { publishedPackages } from "./workspace.mjs";

/** Files every published tarball carries (npm adds LICENSE and README whatever `files` says). */
export const requiredFiles = ["package.json", "README.md", "LICENSE"];

/**
 * Packs every published package under `root` into `destination`.
 *
 * @param {string} root a workspace (the repository or a copy of it), built
 * @param {string} destination
 * @returns {{ name: string, version: string, tarball: string, files: string[], bytes: number, manifest: Record<string, any> }[]}
 */
export function packPublished(root, destination) {
  mkdirSync(destination, { recursive: true });
  return publishedPackages(root).map(({ dir, pkg }) => {
    const result = spawnSync("pnpm", ["pack", "--pack-destination", destination, "--json"], {
      cwd: dir,
      encoding: "utf8",
    });
    if (result.status !== 0)
      throw new Error(`pnpm pack failed for ${pkg.name}:\n${result.stderr}${result.stdout}`);
    const report = JSON.parse(result.stdout);
    const manifest = readPackedManifest(report.filename);
    return {
      name: report.name,
      version: report.version,
      tarball: report.filename,
      files: report.files.map((/** @type {{ path: string }} */ file) => file.path),
      bytes: statSync(report.filename).size,
      manifest,
    };
  });
}

/**
 * The `package.json` inside a tarball.
 *
 * @param {string} tarball
 */
export function readPackedManifest(tarball) {
  const result = spawnSync("tar", ["-xOzf", tarball, "package/package.json"], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`cannot read package.json from ${tarball}: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/**
 * What is wrong with a packed package, as sentences (none: fine).
 *
 * @param {ReturnType<typeof packPublished>[number]} packed
 * @returns {string[]}
 */
export function tarballProblems(packed) {
  const problems = requiredFiles
    .filter((file) => !packed.files.includes(file))
    .map((file) => `${packed.name}: the tarball has no ${file}`);
  for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
    for (const [dep, range] of Object.entries(packed.manifest[field] ?? {})) {
      if (String(range).startsWith("workspace:") || String(range).startsWith("catalog:")) {
        problems.push(`${packed.name}: ${field} ${dep} is still ${range}`);
      }
    }
  }
  if (!packed.files.some((file) => file.startsWith("dist/")))
    problems.push(`${packed.name}: the tarball has no dist/`);
  return problems;
}

/**
 * The tarballs an earlier pack left in `dir` (`pnpm release:dry --out dir`), described like
 * {@link packPublished}'s.
 *
 * @param {string} dir
 */
export function packedIn(dir) {
  return readdirSync(dir)
    .filter((file) => file.endsWith(".tgz"))
    .sort()
    .map((file) => {
      const tarball = join(dir, file);
      const manifest = readPackedManifest(tarball);
      const listing = spawnSync("tar", ["-tzf", tarball], { encoding: "utf8" });
      const files = listing.stdout
        .split("\n")
        .filter(Boolean)
        .map((path) => path.replace(/^package\//, ""));
      return {
        name: manifest.name,
        version: manifest.version,
        tarball,
        files,
        bytes: statSync(tarball).size,
        manifest,
      };
    });
}
