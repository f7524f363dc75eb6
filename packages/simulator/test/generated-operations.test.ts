// src/generated/operations.ts is what `pnpm generate` writes from the OpenAPI document; `check:generated`
// (run here on the real files and on a changed copy of the document) fails when they drift apart.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { DOCUMENT_PATH } from "./openapi.js";

const SCRIPT = fileURLToPath(new URL("../scripts/generate-operations.mjs", import.meta.url));
const OUT = fileURLToPath(new URL("../src/generated/operations.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "zoomkit-sim-ops-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { encoding: "utf8" });

describe("generated operations table", () => {
  test("matches the document", () => {
    const result = run("--check");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  test("a category changed in the document is drift", () => {
    const spec = join(dir, "changed.yaml");
    const original = readFileSync(DOCUMENT_PATH, "utf8");
    const changed = original.replace("x-rate-limit-category: Heavy", "x-rate-limit-category: Light");
    expect(changed).not.toBe(original);
    writeFileSync(spec, changed);
    const result = run("--check", "--spec", spec, "--out", OUT);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("out of date");
  });
});
