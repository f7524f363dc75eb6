// `pnpm test`: lint, typecheck, generated-code drift, package checks and every package's tests; under CI
// also the release rehearsal and the consumer test; with `--also-on-node 24` every package's tests once
// more on that Node. Ends with one plain "N passed, N failed" line summed over the vitest JSON reports
// (CI reads that line, not vitest's), and exits non-zero on any failure or when no test ran.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { ensureNode } from "./lib/node-versions.mjs";
import { repoRoot as root, workspacePackages } from "./lib/workspace.mjs";

const { values: options } = parseArgs({ options: { "also-on-node": { type: "string", multiple: true } } });
const ci = Boolean(process.env.CI);
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" };
const packages = workspacePackages();
const scratch = mkdtempSync(join(tmpdir(), "zoomkit-test-"));

/**
 * One step: a command, and the vitest JSON reports it must leave (counted, then removed, so the next
 * step's reports are its own; a missing report counts as a failure).
 *
 * @typedef {{ label: string, cmd: string, args: string[], env?: () => Record<string, string>, reports?: string[] }} Step
 */

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
const testReports = packages
  .filter(({ pkg }) => pkg.scripts?.test)
  .map(({ dir }) => join(dir, ".reports/vitest.json"));
const releaseChecks = packages.find(({ pkg }) => pkg.name === "@zoomkit/release-checks");
const tarballs = join(scratch, "tarballs");

/**
 * The package tests again on another Node: its binary first on PATH, so turbo, vitest and every child
 * process a test starts run on it.
 *
 * @returns {Step}
 */
function testsOnNode(major) {
  const binary = ensureNode(Number(major));
  const version = spawnSync(binary, ["--version"], { encoding: "utf8" }).stdout.trim().replace(/^v/, "");
  return {
    label: `tests on Node ${version}`,
    cmd: "pnpm",
    args: [...turbo("test"), "--concurrency=1"],
    env: () => ({ PATH: `${dirname(binary)}${delimiter}${process.env.PATH}`, ZOOMKIT_EXPECT_NODE: version }),
    reports: testReports,
  };
}

/** @type {Step[]} */
const steps = [
  { label: "lint", cmd: "pnpm", args: ["exec", "biome", "check", "."] },
  {
    label: "typecheck, generated-code drift, package checks",
    cmd: "pnpm",
    args: turbo("typecheck", "check:generated", "check:package"),
  },
  {
    label: `tests on Node ${process.versions.node}`,
    cmd: "pnpm",
    args: [...turbo("test"), "--concurrency=1"],
    env: () => ({ ZOOMKIT_EXPECT_NODE: process.versions.node }),
    reports: testReports,
  },
  ...(options["also-on-node"] ?? []).map(testsOnNode),
];
if (ci) {
  // Under CI only: each builds or installs a copy of what would be published (a minute or two on 2 cores).
  steps.push({
    label: "release rehearsal",
    cmd: "node",
    args: ["scripts/release-dry.mjs", "--out", tarballs],
  });
  steps.push({
    label: "consumer test (the rehearsal's tarballs, installed with npm, on Node 20, 22 and 24)",
    cmd: "pnpm",
    args: turbo("test:consumer"),
    // The rehearsal's tarballs when it made them; else the consumer test packs the workspace itself.
    env: () => (existsSync(tarballs) ? { ZOOMKIT_TARBALLS: tarballs } : {}),
    reports: releaseChecks ? [join(releaseChecks.dir, ".reports/consumer.json")] : [],
  });
}

let passed = 0;
let failed = 0;
let skipped = 0;
const failedSteps = [];
for (const report of steps.flatMap((step) => step.reports ?? [])) rmSync(report, { force: true });

for (const step of steps) {
  console.log(`\n> ${step.label}: ${step.cmd} ${step.args.join(" ")}`);
  const result = spawnSync(step.cmd, step.args, {
    cwd: root,
    env: { ...env, ...step.env?.() },
    stdio: "inherit",
  });
  if (result.status !== 0) failedSteps.push(step.label);
  if (step.reports) {
    const counts = countReports(step.reports);
    passed += counts.passed;
    failed += counts.failed;
    skipped += counts.skipped;
    if (counts.missing.length > 0)
      console.log(`no test report from: ${counts.missing.join(", ")} (counted as failed)`);
    console.log(`${step.label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }
}
rmSync(scratch, { recursive: true, force: true });

/** Sums vitest JSON reports and removes them. */
function countReports(reports) {
  const counts = { passed: 0, failed: 0, skipped: 0, missing: [] };
  for (const report of reports) {
    if (!existsSync(report)) {
      counts.missing.push(report.slice(root.length));
      counts.failed += 1;
      continue;
    }
    const json = JSON.parse(readFileSync(report, "utf8"));
    counts.passed += json.numPassedTests ?? 0;
    counts.failed += json.numFailedTests ?? 0;
    counts.skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
    // A test file that fails to load has no tests in it; count it so it cannot pass silently.
    for (const file of json.testResults ?? []) {
      if (file.status === "failed" && (file.assertionResults ?? []).length === 0) counts.failed += 1;
    }
    rmSync(report);
  }
  return counts;
}

console.log("");
if (failedSteps.length > 0) console.log(`failed steps: ${failedSteps.join("; ")}`);
if (ci && skipped > 0) console.log("skipped tests are not allowed under CI");
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`);
const ok = failedSteps.length === 0 && failed === 0 && passed > 0 && !(ci && skipped > 0);
process.exit(ok ? 0 : 1);
