/**
 * `pnpm release` publishes only from the CI release job and only a clean tree. Each case runs the real
 * script in a throwaway git repository holding a copy of `scripts/`, so a refusal that failed to refuse
 * would find nothing to build or publish.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { repoRoot } from "../../../scripts/lib/workspace.mjs";

const repos: string[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) rmSync(repo, { recursive: true, force: true });
});

function git(cwd: string, ...args: string[]): void {
  const result = spawnSync("git", args, { cwd, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
}

/** A committed repository with the release scripts; `dirty` leaves an uncommitted file in it. */
function throwawayRepo(dirty: boolean): string {
  const repo = mkdtempSync(join(tmpdir(), "zoomkit-release-guard-"));
  repos.push(repo);
  cpSync(join(repoRoot, "scripts"), join(repo, "scripts"), { recursive: true });
  git(repo, "init", "-q");
  git(repo, "add", "-A");
  git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "release scripts");
  if (dirty) writeFileSync(join(repo, "uncommitted.txt"), "work in progress\n");
  return repo;
}

function release(repo: string, env: Record<string, string>) {
  const { CI: _ci, GITHUB_ACTIONS: _gha, ...rest } = process.env;
  return spawnSync(process.execPath, ["scripts/release.mjs"], {
    cwd: repo,
    env: { ...rest, ...env },
    encoding: "utf8",
  });
}

describe("pnpm release", () => {
  it("refuses outside CI and points at the rehearsal", () => {
    const result = release(throwawayRepo(false), {});
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("only in the GitHub Actions release job");
    expect(result.stderr).toContain("pnpm release:dry");
    expect(result.stdout).toBe("");
  });

  it("refuses on a CI that is not GitHub Actions (no identity for provenance)", () => {
    const result = release(throwawayRepo(false), { CI: "true" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("only in the GitHub Actions release job");
  });

  it("refuses in CI when the tree has uncommitted changes, and names them", () => {
    const result = release(throwawayRepo(true), { CI: "true", GITHUB_ACTIONS: "true" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("uncommitted changes");
    expect(result.stderr).toContain("uncommitted.txt");
    expect(result.stdout).toBe("");
  });
});
