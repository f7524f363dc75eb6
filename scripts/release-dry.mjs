// `pnpm release:dry`: rehearses a release in a temporary copy of the tree (the working tree is never
// touched): `changeset version` on the pending changesets, a frozen install of the versioned tree, build,
// package checks (publint, arethetypeswrong), pack, a check of every tarball, and the list of what would
// be published at which version. `--out DIR` keeps the tarballs (the consumer test can install them).
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { runChangeset } from "./lib/changesets.mjs";
import { packPublished, tarballProblems } from "./lib/pack.mjs";
import { publishedPackages, repoRoot } from "./lib/workspace.mjs";

const { values: options } = parseArgs({ options: { out: { type: "string" } } });
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" };

/** Runs a command in the copy; ends the rehearsal when it fails. */
function run(copy, label, cmd, args) {
  console.log(`\n> ${label}: ${cmd} ${args.join(" ")}`);
  const result = spawnSync(cmd, args, { cwd: copy, env, stdio: "inherit" });
  if (result.status !== 0) fail(copy, `${label} failed`);
}

function fail(copy, reason) {
  console.error(`\nrelease:dry: ${reason}; nothing would be published.`);
  rmSync(copy, { recursive: true, force: true });
  process.exit(1);
}

/** Copies what git would see (tracked and new, unignored files, as they are on disk) into `copy`. */
function copyTree(copy) {
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  let copied = 0;
  for (const file of listed.stdout.split("\0")) {
    // A tracked file deleted in the working tree is not part of what would be released.
    if (file === "" || !existsSync(join(repoRoot, file))) continue;
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    copyFileSync(join(repoRoot, file), join(copy, file));
    copied += 1;
  }
  return copied;
}

function pendingChangesets(root) {
  return readdirSync(join(root, ".changeset")).filter((file) => file.endsWith(".md") && file !== "README.md");
}

function kilobytes(bytes) {
  return `${(bytes / 1024).toFixed(1)} kB`;
}

const copy = mkdtempSync(join(tmpdir(), "zoomkit-release-dry-"));
console.log(`release:dry: rehearsing in ${copy} (${copyTree(copy)} files copied from ${repoRoot})`);

const before = new Map(publishedPackages(copy).map(({ pkg }) => [pkg.name, pkg.version]));
const changesets = pendingChangesets(copy);
run(copy, "install", "pnpm", ["install", "--frozen-lockfile", "--prefer-offline"]);
if (changesets.length > 0) {
  console.log(`\n> changeset version (${changesets.length} pending changesets)`);
  try {
    runChangeset(copy, ["version"]);
  } catch (error) {
    fail(copy, String(error instanceof Error ? error.message : error));
  }
  // What the release job's `pnpm install --frozen-lockfile` will meet after the version PR is merged.
  run(copy, "frozen install of the versioned tree", "pnpm", ["install", "--frozen-lockfile", "--offline"]);
} else {
  console.log("\nno pending changesets: the current versions would be published (those not yet on npm)");
}

const filters = publishedPackages(copy).map(({ pkg }) => `--filter=${pkg.name}`);
run(copy, "build and package checks", "pnpm", [
  "exec",
  "turbo",
  "run",
  "build",
  "check:package",
  ...filters,
  "--output-logs=errors-only",
]);

const destination = options.out ? resolve(options.out) : join(copy, ".tarballs");
rmSync(destination, { recursive: true, force: true });
const packed = packPublished(copy, destination);
const problems = packed.flatMap(tarballProblems);
const versions = new Set(packed.map((p) => p.version));
if (versions.size !== 1)
  problems.push(`the packages are not on one version line: ${[...versions].join(", ")}`);
if (problems.length > 0) fail(copy, `the tarballs have problems:\n  ${problems.join("\n  ")}`);

const width = Math.max(...packed.map((p) => p.name.length));
console.log(
  `\nrelease:dry: would publish ${packed.length} packages to npm (public, with provenance, from CI):`,
);
for (const p of packed) {
  const from = before.get(p.name);
  const version = from === p.version ? p.version : `${from} -> ${p.version}`;
  console.log(
    `  ${p.name.padEnd(width)}  ${version.padEnd(16)}  ${kilobytes(p.bytes).padStart(9)}  ${p.files.length} files`,
  );
}
if (changesets.length > 0) console.log(`from the changesets: ${changesets.join(", ")}`);
if (options.out) console.log(`tarballs kept in ${destination}`);
rmSync(copy, { recursive: true, force: true });
