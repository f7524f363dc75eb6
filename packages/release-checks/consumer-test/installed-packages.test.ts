/**
 * The consumer test: what a release would publish, installed and used as a stranger would. Every public
 * package is packed (or taken from `ZOOMKIT_TARBALLS`, the folder `pnpm release:dry --out` fills) and
 * installed with npm into a temporary folder outside the workspace (no workspace links), then
 * (a) imported as ESM, (b) `require()`d from a `.cjs` file, (c) type-checked as a small TypeScript
 * service under `module: nodenext` and under `moduleResolution: bundler`, (d) run: a meeting created and
 * deleted through the Redis store and through the Postgres store against the simulator, and (e) bundled
 * into one file with esbuild and run with no node_modules beside it. (a), (b) and (d) run on Node 20, 22
 * and 24. The simulator the service calls is the installed `@zoomkit/simulator`, started in this process.
 */
import { randomBytes } from "node:crypto";
import {
  copyFileSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ZoomSimulator } from "@zoomkit/simulator";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testedNodes } from "../../../scripts/lib/node-versions.mjs";
import { packedIn, packPublished } from "../../../scripts/lib/pack.mjs";
import { repoRoot } from "../../../scripts/lib/workspace.mjs";
import { consumerTools, run, runJson, runJsonLines } from "./run.js";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const DATABASE_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** The exports a user reaches for first, per entry point (a package that is not published is skipped). */
const keyExports: Record<string, string[]> = {
  "@zoomkit/cli": ["runZoomkit", "USAGE"],
  "@zoomkit/core": ["createZoomClient", "createMemoryStore", "ZoomKitError"],
  "@zoomkit/env": ["parseEnv", "sharedEnvShape", "sharedConfig", "openStore"],
  "@zoomkit/prometheus": ["createZoomMetrics"],
  "@zoomkit/simulator": ["startZoomSimulator", "DEFAULT_APP"],
  "@zoomkit/store-keyv": ["createKeyvStore"],
  "@zoomkit/store-memory": ["createMemoryStore"],
  "@zoomkit/store-postgres": ["createPostgresStore"],
  "@zoomkit/store-redis": ["createRedisStore"],
  "@zoomkit/store-test-suite": ["runTokenStoreSuite"],
  "@zoomkit/store-url": ["createStoreFromUrl", "StoreUrlError"],
};

const nodes = testedNodes();
const work = mkdtempSync(join(tmpdir(), "zoomkit-consumer-"));
const consumer = join(work, "service");
const packed = process.env.ZOOMKIT_TARBALLS
  ? packedIn(process.env.ZOOMKIT_TARBALLS)
  : packPublished(repoRoot, join(work, "tarballs"));
const schemas: string[] = [];
let simulator: ZoomSimulator | undefined;

/**
 * What one run of the service needs: the simulator's URLs and app, the store URLs, and a Redis namespace
 * and Postgres schema of its own (the schemas are dropped after the file).
 */
function serviceEnv(storeUrls: string[]): Record<string, string> {
  const namespace = `zk_consumer_${randomBytes(5).toString("hex")}`;
  schemas.push(namespace);
  const app = installedSimulator.DEFAULT_APP;
  return {
    ZOOM_ACCOUNT_ID: app.accountId,
    ZOOM_CLIENT_ID: app.clientId,
    ZOOM_CLIENT_SECRET: app.clientSecret,
    ZOOM_API_URL: simulator!.baseUrl,
    ZOOM_OAUTH_URL: simulator!.oauthUrl,
    STORE_URLS: storeUrls.join(" "),
    STORE_NAMESPACE: namespace,
  };
}

function expectCreatedAndDeleted(lines: unknown[], stores: string[]): void {
  expect(lines).toEqual(
    stores.map((store) => expect.objectContaining({ store, created: 201, deleted: 204, afterDelete: 404 })),
  );
}

/** Every entry point the installed packages export, as `import` and `require` name them. */
function entryPoints(): string[] {
  return packed.flatMap(({ manifest }) =>
    Object.keys(manifest.exports)
      .filter((subpath) => subpath !== "./package.json" && !/\.(ya?ml|json)$/.test(subpath))
      .map((subpath) => (subpath === "." ? manifest.name : `${manifest.name}/${subpath.slice(2)}`)),
  );
}

function expectKeyExports(loaded: Record<string, string[]>): void {
  expect(Object.keys(loaded).sort()).toEqual(entryPoints().sort());
  for (const [specifier, names] of Object.entries(keyExports)) {
    if (loaded[specifier] !== undefined)
      expect(loaded[specifier], specifier).toEqual(expect.arrayContaining(names));
  }
}

let installedSimulator: typeof import("@zoomkit/simulator");

beforeAll(async () => {
  mkdirSync(consumer);
  for (const file of [
    "esm.mjs",
    "require.cjs",
    "service.ts",
    "tsconfig.nodenext.json",
    "tsconfig.bundler.json",
  ]) {
    copyFileSync(join(import.meta.dirname, "../consumer", file), join(consumer, file));
  }
  writeFileSync(
    join(consumer, "package.json"),
    `${JSON.stringify({ name: "zoomkit-consumer", private: true, type: "module" }, null, 2)}\n`,
  );
  // From the tarballs and the registry only. No lifecycle scripts: none of ours has one, and esbuild
  // finds its binary through its optional platform package without its postinstall.
  await run(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      "--ignore-scripts",
      "--loglevel=error",
      ...packed.map((p) => p.tarball),
      `@types/node@${consumerTools.typesNode}`,
      `esbuild@${consumerTools.esbuild}`,
    ],
    { cwd: consumer, timeoutMs: 300_000 },
  );
  // The service as JavaScript for (d); type errors are (c)'s to report.
  await run(process.execPath, [consumerTools.tsc, "-p", "tsconfig.nodenext.json", "--noCheck"], {
    cwd: consumer,
  });
  installedSimulator = await import(join(consumer, "node_modules/@zoomkit/simulator/dist/index.js"));
  simulator = await installedSimulator.startZoomSimulator();
}, 360_000);

afterAll(async () => {
  await simulator?.close();
  rmSync(work, { recursive: true, force: true });
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
});

describe("installed with npm from the tarballs", () => {
  it("holds every published package as a real folder at its packed version (no workspace links)", () => {
    for (const { name, version } of packed) {
      const dir = join(consumer, "node_modules", name);
      expect(lstatSync(dir).isSymbolicLink(), name).toBe(false);
      expect(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).version, name).toBe(version);
    }
  });
});

describe.each(nodes)("on $label", ({ binary }) => {
  it("(a) imports every entry point as ESM", async () => {
    expectKeyExports(await runJson(binary, ["esm.mjs"], { cwd: consumer }));
  });

  it("(b) require()s every entry point from a .cjs file, with the same exports as ESM", async () => {
    const required = await runJson(binary, ["require.cjs"], { cwd: consumer });
    expectKeyExports(required);
    expect(required).toEqual(await runJson(binary, ["esm.mjs"], { cwd: consumer }));
  });

  it("(d) creates and deletes a meeting through the Redis store and the Postgres store against the simulator", async () => {
    const env = serviceEnv([REDIS_URL, DATABASE_URL]);
    expectCreatedAndDeleted(await runJsonLines(binary, ["dist/service.js"], { cwd: consumer, env }), [
      "redis",
      "postgres",
    ]);
  });
});

describe("(c) the TypeScript service type-checks against the published types", () => {
  it.each(["nodenext", "bundler"])("with %s module resolution", async (resolution) => {
    await run(process.execPath, [consumerTools.tsc, "-p", `tsconfig.${resolution}.json`, "--noEmit"], {
      cwd: consumer,
    });
  });
});

describe("(e) bundled with esbuild", () => {
  // store-redis compiles its Lua scripts into the module (before, a bundle failed with ENOENT on
  // scripts/preamble.lua next to it), so both stores run bundled.
  it("runs from one file with no node_modules beside it, through Redis and Postgres", async () => {
    const bundled = join(work, "bundled");
    mkdirSync(bundled);
    await run(
      join(consumer, "node_modules/.bin/esbuild"),
      [
        "service.ts",
        "--bundle",
        "--platform=node",
        "--format=esm",
        "--target=node20.19",
        `--outfile=${join(bundled, "service.mjs")}`,
        // pg's optional native binding, which a bundle of pg never needs (pg falls back to JavaScript).
        "--external:pg-native",
        // Bundled CommonJS dependencies (pg) call require() for Node built-ins.
        "--banner:js=import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
        "--log-level=warning",
      ],
      { cwd: consumer },
    );
    const env = serviceEnv([REDIS_URL, DATABASE_URL]);
    expectCreatedAndDeleted(await runJsonLines(process.execPath, ["service.mjs"], { cwd: bundled, env }), [
      "redis",
      "postgres",
    ]);
  });
});
