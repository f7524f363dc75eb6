// `pnpm release`: publishes the versioned packages to npm. Only the CI release job runs it (npm provenance
// needs the CI provider's identity, and what is published must be what main holds), so it refuses to run
// outside CI or on a tree with uncommitted changes. Rehearse anywhere with `pnpm release:dry`.
import { spawnSync } from "node:child_process";
import { repoRoot } from "./lib/workspace.mjs";

function refuse(reason) {
  console.error(`release: ${reason}\nrelease: nothing was published. Rehearse with \`pnpm release:dry\`.`);
  process.exit(1);
}

if (process.env.CI !== "true" || process.env.GITHUB_ACTIONS !== "true") {
  refuse(
    "publishing runs only in the GitHub Actions release job (CI=true, GITHUB_ACTIONS=true), which signs with npm provenance",
  );
}
const status = spawnSync("git", ["status", "--porcelain", "--untracked-files=all"], {
  cwd: repoRoot,
  encoding: "utf8",
});
if (status.status !== 0) refuse(`cannot read the git status: ${status.stderr.trim()}`);
if (status.stdout.trim() !== "") {
  refuse(
    `the working tree has uncommitted changes; publish only what main holds:\n${status.stdout.trimEnd()}`,
  );
}

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" };
for (const [cmd, args] of [
  ["pnpm", ["exec", "turbo", "run", "build", "check:package", "--output-logs=new-only"]],
  ["pnpm", ["exec", "changeset", "publish"]],
]) {
  console.log(`\n> ${cmd} ${args.join(" ")}`);
  const result = spawnSync(cmd, args, { cwd: repoRoot, env, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
