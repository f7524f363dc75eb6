/**
 * A throwaway copy of the workspace's manifests (root and package `package.json` files, the workspace
 * file and the changeset config), enough for `changeset version` to plan and apply a release without
 * touching the real tree.
 */
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runChangeset } from "../../../scripts/lib/changesets.mjs";
import { repoRoot, workspacePackages } from "../../../scripts/lib/workspace.mjs";

export interface VersionedPackage {
  version: string;
  peerDependencies: Record<string, string>;
  private: boolean;
}

export interface VersionOptions {
  /** Changesets to add, by file name (without `.md`): package name to bump type. */
  changesets: Record<string, Record<string, "patch" | "minor" | "major">>;
  /** Also keep the changesets pending in the repository. @default false */
  pending?: boolean;
}

/** Runs `changeset version` on a copy of the manifests and returns every package after it, by name. */
export function versionInCopy(options: VersionOptions): Map<string, VersionedPackage> {
  const copy = mkdtempSync(join(tmpdir(), "zoomkit-changesets-"));
  try {
    for (const file of ["package.json", "pnpm-workspace.yaml"])
      copyFileSync(join(repoRoot, file), join(copy, file));
    for (const { path } of workspacePackages()) {
      mkdirSync(join(copy, path), { recursive: true });
      copyFileSync(join(repoRoot, path, "package.json"), join(copy, path, "package.json"));
    }
    mkdirSync(join(copy, ".changeset"));
    copyFileSync(join(repoRoot, ".changeset/config.json"), join(copy, ".changeset/config.json"));
    if (options.pending === true) {
      for (const file of readdirSync(join(repoRoot, ".changeset"))) {
        if (file.endsWith(".md") && file !== "README.md") {
          copyFileSync(join(repoRoot, ".changeset", file), join(copy, ".changeset", file));
        }
      }
    }
    for (const [name, bumps] of Object.entries(options.changesets)) {
      const header = Object.entries(bumps).map(([pkg, bump]) => `"${pkg}": ${bump}`);
      writeFileSync(
        join(copy, ".changeset", `${name}.md`),
        `---\n${header.join("\n")}\n---\n\nA throwaway change.\n`,
      );
    }
    // The changelog generator the config names is resolved from the copy's node_modules.
    symlinkSync(join(repoRoot, "node_modules"), join(copy, "node_modules"), "dir");
    runChangeset(copy, ["version"]);
    return new Map(
      workspacePackages(copy).map(({ pkg }) => [
        pkg.name,
        { version: pkg.version, peerDependencies: pkg.peerDependencies ?? {}, private: pkg.private === true },
      ]),
    );
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
