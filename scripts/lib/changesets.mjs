// Runs the changesets CLI the workspace pins, in any folder (a temporary copy of the tree included).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { repoRoot } from "./workspace.mjs";

/** The pinned `changeset` command (`@changesets/cli`, from the root devDependencies). */
export const changesetBin = createRequire(join(repoRoot, "package.json")).resolve("@changesets/cli/bin.js");

/**
 * Runs `changeset <args>` in `cwd` and returns its output; throws with that output when it fails.
 *
 * @param {string} cwd
 * @param {string[]} args
 */
export function runChangeset(cwd, args) {
  const result = spawnSync(process.execPath, [changesetBin, ...args], { cwd, encoding: "utf8" });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  if (result.status !== 0) throw new Error(`changeset ${args.join(" ")} failed in ${cwd}:\n${output}`);
  return output;
}
