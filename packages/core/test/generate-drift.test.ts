// The drift check behind `pnpm test`: `generate.mjs --check` exits 1 when the committed types no longer
// match the document (even for changes the types do not show), and 0 when they do.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const generator = fileURLToPath(new URL("../scripts/generate.mjs", import.meta.url));
const document = fileURLToPath(new URL("../openapi/zoom-api.yaml", import.meta.url));
const committed = fileURLToPath(new URL("../src/generated/zoom-api.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "zoomkit-drift-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the drift check of `spec` against the committed generated file. */
function check(name: string, edit: (yaml: string) => string) {
  const spec = join(dir, name);
  copyFileSync(document, spec);
  const original = readFileSync(spec, "utf8");
  const edited = edit(original);
  writeFileSync(spec, edited);
  const run = spawnSync(process.execPath, [generator, "--check", "--spec", spec, "--out", committed], {
    encoding: "utf8",
  });
  return { status: run.status, stderr: run.stderr, changed: edited !== original };
}

describe("generate.mjs --check", () => {
  it("exits 0 for an unchanged copy of the document", () => {
    const result = check("same.yaml", (yaml) => yaml);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("exits 1 when a schema change was not regenerated", () => {
    const result = check("new-field.yaml", (yaml) =>
      yaml.replace(
        "        host_video:\n",
        "        invented_setting:\n          type: boolean\n        host_video:\n",
      ),
    );
    expect(result.changed).toBe(true);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("is out of date");
  });

  it("exits 1 for a change the types do not show (a length limit)", () => {
    const result = check("limit.yaml", (yaml) => yaml.replace("maxLength: 2000", "maxLength: 1999"));
    expect(result.changed).toBe(true);
    expect(result.status).toBe(1);
  });
});
