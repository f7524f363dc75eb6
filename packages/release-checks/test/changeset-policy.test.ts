/**
 * The version policy (.changeset/README.md): every published package moves on one version line (a
 * changesets `fixed` group), and a store's peer range on core accepts every later 0.x core, so a core
 * minor never major-bumps a store. Proven by running `changeset version` on throwaway changesets.
 */
import semver from "semver";
import { describe, expect, it } from "vitest";
import { publishedPackages } from "../../../scripts/lib/workspace.mjs";
import { type VersionedPackage, versionInCopy } from "./manifest-copy.js";

const published = publishedPackages().map(({ pkg }) => pkg.name as string);
const currentVersion = publishedPackages()[0]?.pkg.version as string;

function publishedVersions(after: Map<string, VersionedPackage>): Map<string, string> {
  return new Map(published.map((name) => [name, after.get(name)?.version ?? "missing"]));
}

function expectOneLine(after: Map<string, VersionedPackage>, version: string): void {
  expect(Object.fromEntries(publishedVersions(after))).toEqual(
    Object.fromEntries(published.map((name) => [name, version])),
  );
}

function expectPeersAccept(after: Map<string, VersionedPackage>): void {
  for (const name of published) {
    for (const [peer, range] of Object.entries(after.get(name)?.peerDependencies ?? {})) {
      const peerVersion = after.get(peer)?.version;
      if (peerVersion === undefined) continue;
      expect(
        semver.satisfies(peerVersion, range.replace(/^workspace:/, "")),
        `${name} peers on ${peer} ${range}`,
      ).toBe(true);
    }
  }
}

describe("changeset version policy", () => {
  it("starts from one version line", () => {
    expect(published.length).toBeGreaterThan(1);
    expectOneLine(
      new Map(publishedPackages().map(({ pkg }) => [pkg.name, pkg as unknown as VersionedPackage])),
      currentVersion,
    );
  });

  it("a core minor moves every published package to the next minor, and no store to a major", () => {
    const after = versionInCopy({ changesets: { "core-feature": { "@zoomkit/core": "minor" } } });
    expectOneLine(after, semver.inc(currentVersion, "minor") as string);
    expectPeersAccept(after);
  });

  it("a store patch moves every published package to the next patch", () => {
    const after = versionInCopy({ changesets: { "redis-fix": { "@zoomkit/store-redis": "patch" } } });
    expectOneLine(after, semver.inc(currentVersion, "patch") as string);
    expectPeersAccept(after);
  });

  it("the changesets pending in the repository release no major and keep one version line", () => {
    const after = versionInCopy({ changesets: {}, pending: true });
    const versions = new Set(publishedVersions(after).values());
    expect(versions.size).toBe(1);
    const [next] = versions;
    expect(semver.major(next as string)).toBe(semver.major(currentVersion));
    expectPeersAccept(after);
  });
});
