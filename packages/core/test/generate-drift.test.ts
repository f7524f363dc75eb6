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

const operationsGenerator = fileURLToPath(new URL("../scripts/generate-operations.mjs", import.meta.url));
const committedTable = fileURLToPath(new URL("../src/generated/zoom-operations.ts", import.meta.url));
const readme = fileURLToPath(new URL("../README.md", import.meta.url));

/** Runs the operations table's drift check with an edited copy of the document and of the README. */
function checkOperations(
  name: string,
  edit: { yaml?: (yaml: string) => string; readme?: (text: string) => string },
) {
  const spec = join(dir, `${name}.yaml`);
  const readmeCopy = join(dir, `${name}.md`);
  const originalYaml = readFileSync(document, "utf8");
  const originalReadme = readFileSync(readme, "utf8");
  const yaml = (edit.yaml ?? ((y) => y))(originalYaml);
  const text = (edit.readme ?? ((t) => t))(originalReadme);
  writeFileSync(spec, yaml);
  writeFileSync(readmeCopy, text);
  const run = spawnSync(
    process.execPath,
    [operationsGenerator, "--check", "--spec", spec, "--out", committedTable, "--readme", readmeCopy],
    { encoding: "utf8" },
  );
  return {
    status: run.status,
    stderr: run.stderr,
    changed: yaml !== originalYaml || text !== originalReadme,
  };
}

describe("generate-operations.mjs --check", () => {
  it("exits 0 when the table and the README match the document", () => {
    const result = checkOperations("ops-same", {});
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("exits 1 when an operation's category changed and was not regenerated", () => {
    const result = checkOperations("ops-category", {
      yaml: (yaml) =>
        yaml.replace(
          "      operationId: meetingCreate\n      tags: [Meetings]\n      summary: Create a meeting for a host.\n      x-rate-limit-category: Medium",
          "      operationId: meetingCreate\n      tags: [Meetings]\n      summary: Create a meeting for a host.\n      x-rate-limit-category: Heavy",
        ),
    });
    expect(result.changed).toBe(true);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("zoom-operations.ts");
  });

  it("exits 1 when the README's operations table was edited by hand", () => {
    const result = checkOperations("ops-readme", {
      readme: (text) => text.replace("| `meetingCreate` |", "| `createMeeting` |"),
    });
    expect(result.changed).toBe(true);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("operations table");
  });
});
