// `pnpm test`: lint, typecheck, generated-code drift, every package's tests and, under CI, the release
// rehearsal; then one plain "N passed, N failed" line summed over the vitest JSON reports (CI reads that
// line, not vitest's).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" };

function workspacePackages() {
  const dirs = [];
  for (const group of ["packages", "apps"]) {
    const base = join(root, group);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base)) {
      const manifest = join(base, name, "package.json");
      if (existsSync(manifest))
        dirs.push({ dir: join(base, name), pkg: JSON.parse(readFileSync(manifest, "utf8")) });
    }
  }
  return dirs;
}

function run(label, cmd, args) {
  console.log(`\n> ${label}: ${cmd} ${args.join(" ")}`);
  const result = spawnSync(cmd, args, { cwd: root, env, stdio: "inherit" });
  return result.status === 0;
}

const packages = workspacePackages();
for (const { dir } of packages) rmSync(join(dir, ".reports"), { recursive: true, force: true });

// Checks run in parallel; test suites run one package at a time, so the timing-sensitive ones (token
// lifetimes of a few seconds, fleets of child processes) never compete with another package's suite
// for the two cores a CI machine has.
const turbo = (...tasks) => [
  "exec",
  "turbo",
  "run",
  ...tasks,
  "--continue=dependencies-successful",
  "--output-logs=new-only",
];
const steps = [
  ["lint", "pnpm", ["exec", "biome", "check", "."]],
  [
    "typecheck, generated-code drift, package checks",
    "pnpm",
    turbo("typecheck", "check:generated", "check:package"),
  ],
  ["tests", "pnpm", [...turbo("test"), "--concurrency=1"]],
];
if (process.env.CI) {
  // Under CI only: it builds a second copy of the tree (about a minute on 2 cores).
  steps.push(["release rehearsal", "node", ["scripts/release-dry.mjs"]]);
}
const failedSteps = steps.filter(([label, cmd, args]) => !run(label, cmd, args)).map(([label]) => label);

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const { dir, pkg } of packages) {
  if (!pkg.scripts?.test) continue;
  const report = join(dir, ".reports", "vitest.json");
  if (!existsSync(report)) {
    missing.push(pkg.name);
    failed += 1;
    continue;
  }
  const json = JSON.parse(readFileSync(report, "utf8"));
  passed += json.numPassedTests ?? 0;
  failed += json.numFailedTests ?? 0;
  skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  // A test file that fails to load has no tests in it; count it so it cannot pass silently.
  for (const file of json.testResults ?? []) {
    if (file.status === "failed" && (file.assertionResults ?? []).length === 0) failed += 1;
  }
}

console.log("");
if (missing.length > 0) console.log(`no test report from: ${missing.join(", ")} (counted as failed)`);
if (failedSteps.length > 0) console.log(`failed steps: ${failedSteps.join("; ")}`);
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`);
if (process.env.CI && skipped > 0) console.log("skipped tests are not allowed under CI");
const ok = failedSteps.length === 0 && failed === 0 && passed > 0 && !(process.env.CI && skipped > 0);
process.exit(ok ? 0 : 1);
