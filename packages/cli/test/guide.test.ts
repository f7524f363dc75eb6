/**
 * The troubleshooting guide has a section for every place that links to it: each `ZoomAuthError` code
 * (core appends `#<code>` to every message) and each section the CLI's fix lines name.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ZoomAuthError } from "@zoomkit/core";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const guide = readFileSync(join(root, "docs/troubleshooting.md"), "utf8");
const headings = new Set([...guide.matchAll(/^### (\S+)$/gm)].map((m) => m[1]));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe("docs/troubleshooting.md", () => {
  it("has a section for every ZoomAuthError code, and every message links to it", () => {
    const errors = readFileSync(join(root, "packages/core/src/errors.ts"), "utf8");
    const union = /export type ZoomAuthErrorCode =([\s\S]*?);/.exec(errors)![1]!;
    const codes = [...union.matchAll(/\| "(\w+)"/g)].map((m) => m[1]!);
    expect(codes).toContain("app_rejected");
    for (const code of codes) {
      expect(headings, code).toContain(code);
      expect(new ZoomAuthError(code as ZoomAuthError["code"], "What happened.").message).toBe(
        `What happened. See https://github.com/zoomkit/zoomkit/blob/main/docs/troubleshooting.md#${code}`,
      );
    }
  });

  it("has a section for every fix line of the CLI", () => {
    const src = fileURLToPath(new URL("../src", import.meta.url));
    const linked = sourceFiles(src).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/see\("([\w-]+)"\)/g)].map((m) => m[1]!),
    );
    expect(linked.length).toBeGreaterThan(10);
    for (const section of new Set(linked)) expect(headings, section).toContain(section);
  });
});
