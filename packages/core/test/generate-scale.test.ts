// The generator scales to Zoom's whole Meetings API: it generates types for all 312 operations of
// Zoom's description, and a program calling a few endpoints through openapi-fetch type-checks against
// them, with deliberate mistakes rejected. The output stays in a temp folder (never in the repo).
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
// CI clones the repository into a folder with shared/ beside it; never an absolute path.
const zoomFile = join(repoRoot, "../shared/zoom/openapi/zoom-meetings-api.json");
const generator = fileURLToPath(new URL("../scripts/generate.mjs", import.meta.url));
const tsc = require.resolve("typescript/bin/tsc");
const openapiFetch = dirname(require.resolve("openapi-fetch/package.json"));
const runsHere = existsSync(zoomFile) || process.env.CI === "true";
const dir = mkdtempSync(join(tmpdir(), "zoomkit-scale-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const coreEntry = fileURLToPath(new URL("../src/index.ts", import.meta.url)).replace(/\.ts$/, ".js");
const typeRoots = dirname(dirname(require.resolve("@types/node/package.json")));

// The README's recipe: zoomkit's token provider and request pipeline under a client of all of Zoom's paths.
const PROGRAM = `import createClient from "openapi-fetch";
import { createPipelineFetch, createZoomClient } from ${JSON.stringify(coreEntry)};
import type { paths } from "./zoom.js";

const { tokens } = createZoomClient({ accountId: "acc", clientId: "cid", clientSecret: "secret" });
const zoom = createClient<paths>({
  baseUrl: "https://api.zoom.us/v2",
  fetch: createPipelineFetch({ fetch: globalThis.fetch, tokens }),
});

export async function calls(): Promise<number | undefined> {
  const created = await zoom.POST("/users/{userId}/meetings", {
    params: { path: { userId: "host@example.com" } },
    body: { topic: "Standup", type: 2, settings: { waiting_room: true } },
  });
  await zoom.GET("/meetings/{meetingId}", { params: { path: { meetingId: 85746065 } } });
  const report = await zoom.GET("/report/meetings/{meetingId}/participants", {
    params: { path: { meetingId: "uuid==" }, query: { page_size: 300 } },
  });
  const seen: number | undefined = report.data?.participants?.length;
  await zoom.DELETE("/meetings/{meetingId}", {
    // @ts-expect-error meetingId is an integer in Zoom's description
    params: { path: { meetingId: "85746065" } },
  });
  await zoom.GET("/users", {
    // @ts-expect-error page_size is a number
    params: { query: { page_size: "30" } },
  });
  // @ts-expect-error Zoom has no such path
  await zoom.GET("/meetings/{meetingId}/no-such-thing", { params: { path: { meetingId: 1 } } });
  return created.data?.id ?? seen;
}
`;

function timed<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, Math.round(performance.now() - start)];
}

describe.skipIf(!runsHere)("zoomkit-generate on Zoom's full Meetings API description", () => {
  it("generates all 312 operations and type-checks a program that calls them", () => {
    if (!existsSync(zoomFile))
      expect.fail(`Zoom's OpenAPI description is missing at ${zoomFile}: put shared/ beside the repository.`);
    const out = join(dir, "zoom.ts");
    const [generate, generateMs] = timed(() =>
      spawnSync(process.execPath, [generator, "--spec", zoomFile, "--out", out], { encoding: "utf8" }),
    );
    expect(generate.stderr).toBe("");
    expect(generate.status).toBe(0);

    const expected = Object.values(JSON.parse(readFileSync(zoomFile, "utf8")).paths as object).flatMap(
      (item) => Object.keys(item).filter((key) => ["get", "put", "post", "delete", "patch"].includes(key)),
    ).length;
    const generated = readFileSync(out, "utf8");
    const operations = generated.slice(generated.indexOf("export interface operations {"));
    expect(expected).toBe(312);
    expect(operations.match(/^ {4}[A-Za-z0-9_]+: \{$/gm)?.length).toBe(expected);

    // The temp folder resolves openapi-fetch to the workspace's copy, like a user's node_modules would.
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(openapiFetch, join(dir, "node_modules", "openapi-fetch"), "dir");
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    writeFileSync(join(dir, "program.ts"), PROGRAM);
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          lib: ["ES2023", "DOM"],
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ["node"],
          typeRoots: [typeRoots],
        },
        files: ["program.ts"],
      }),
    );
    const [typecheck, typecheckMs] = timed(() =>
      spawnSync(process.execPath, [tsc, "-p", join(dir, "tsconfig.json")], { encoding: "utf8" }),
    );
    console.log(`full Zoom API: generated in ${generateMs} ms, type-checked in ${typecheckMs} ms`);
    // An unused @ts-expect-error is an error too, so a lax type (any) would fail here as well.
    expect(typecheck.stdout).toBe("");
    expect(typecheck.status).toBe(0);
  }, 180_000);
});
