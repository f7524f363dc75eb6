/**
 * A fleet worker of the previous release, built from git: the worker, the token engine and the stores
 * exactly as they were at `PREVIOUS_RELEASE` (record format v1 read strictly, 15 s unrenewed leases, no
 * failure, probe or scope records). `git archive` extracts that commit's sources into a cache directory
 * and esbuild bundles its `packages/fleet/src/worker.ts` with `@zoomkit/*` pointing at the old sources
 * and third-party packages taken from this workspace. Built once per commit (about a second), reused.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** The release before the engine rework of issue 9 (the baseline of the rolling-deploy test). */
export const PREVIOUS_RELEASE = "f8c4121";

const FLEET = fileURLToPath(new URL("../../", import.meta.url));
const PACKAGES = dirname(FLEET.replace(/\/$/, ""));
const OLD_PACKAGES = ["core", "store-redis", "store-postgres", "fleet"];

/** Resolves the path of the previous release's worker bundle, building it first if needed. */
export async function previousReleaseWorker(): Promise<string> {
  const dir = join(FLEET, "node_modules", ".cache", "zoomkit-previous-release", PREVIOUS_RELEASE);
  const bundle = join(dir, "worker.mjs");
  if (existsSync(bundle)) return bundle;
  const sources = join(dir, "sources");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(sources, { recursive: true });
  const root = execFileSync("git", ["rev-parse", "--show-toplevel"], { cwd: FLEET, encoding: "utf8" }).trim();
  try {
    execFileSync("git", ["cat-file", "-e", `${PREVIOUS_RELEASE}^{commit}`], { cwd: root, stdio: "ignore" });
  } catch {
    throw new Error(
      `commit ${PREVIOUS_RELEASE} (the previous release) is not in this clone: fetch the history (actions/checkout with fetch-depth: 0, or git fetch --unshallow)`,
    );
  }
  const paths = OLD_PACKAGES.map((name) => `packages/${name}/src`);
  const archive = execFileSync("git", ["archive", "--format=tar", PREVIOUS_RELEASE, ...paths], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
  execFileSync("tar", ["-x", "-C", sources], { input: archive });
  const old = (name: string) => join(sources, "packages", name, "src");
  await build({
    entryPoints: [join(old("fleet"), "worker.ts")],
    outfile: bundle,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "error",
    alias: {
      "@zoomkit/core": join(old("core"), "index.ts"),
      "@zoomkit/store-redis": join(old("store-redis"), "index.ts"),
      "@zoomkit/store-postgres": join(old("store-postgres"), "index.ts"),
    },
    // Third-party packages as this workspace has them (the lockfile's versions).
    nodePaths: ["core", "store-redis", "store-postgres", "fleet"].map((name) =>
      join(PACKAGES, name, "node_modules"),
    ),
    external: ["pg-native"],
    // pg and node-redis are CommonJS and call require().
    banner: {
      js: "import { createRequire as __zkRequire } from 'node:module'; const require = __zkRequire(import.meta.url);",
    },
  });
  // The old Redis store reads its Lua scripts beside its module at start.
  const lua = join(old("store-redis"), "scripts");
  mkdirSync(join(dir, "scripts"));
  for (const file of readdirSync(lua)) cpSync(join(lua, file), join(dir, "scripts", file));
  return bundle;
}
