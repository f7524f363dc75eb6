/**
 * A service installs only the store it uses. Here `@zoomkit/store-url` (its built `dist`) sits in a
 * folder of its own next to `@zoomkit/core` and no store package, as in such a service's node_modules.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { DATABASE_URL, REDIS_URL } from "./helpers.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const service = mkdtempSync(join(tmpdir(), "zoomkit-store-url-"));
afterAll(() => rmSync(service, { recursive: true, force: true }));

const installed = join(service, "node_modules/@zoomkit");
mkdirSync(join(installed, "store-url"), { recursive: true });
cpSync(join(packageDir, "package.json"), join(installed, "store-url/package.json"));
cpSync(join(packageDir, "dist"), join(installed, "store-url/dist"), { recursive: true });
symlinkSync(join(packageDir, "node_modules/@zoomkit/core"), join(installed, "core"), "dir");

/** Runs `createStoreFromUrl(url)` in the service folder and returns what it threw (or "opened"). */
function openIn(url: string, loader: "import" | "require"): Record<string, unknown> {
  const script = `
    const { createStoreFromUrl } = ${loader === "import" ? 'await import("@zoomkit/store-url")' : 'require("@zoomkit/store-url")'};
    try {
      const store = await createStoreFromUrl(process.env.STORE_URL);
      await store.close();
      console.log(JSON.stringify({ opened: true }));
    } catch (error) {
      console.log(JSON.stringify({ name: error.name, code: error.code, packageName: error.packageName, message: error.message }));
    }`;
  const body = loader === "import" ? script : `(async () => { ${script} })();`;
  const result = spawnSync(
    process.execPath,
    [loader === "import" ? "--input-type=module" : "--input-type=commonjs", "-e", body],
    {
      cwd: service,
      env: { ...process.env, STORE_URL: url },
      encoding: "utf8",
    },
  );
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

describe("a store package that is not installed", () => {
  it.each([
    [REDIS_URL, "@zoomkit/store-redis"],
    [DATABASE_URL, "@zoomkit/store-postgres"],
  ])("%s fails with store_package_missing and the install command, without the URL", (url, packageName) => {
    const outcome = openIn(url, "import");
    expect(outcome).toMatchObject({ name: "StoreUrlError", code: "store_package_missing", packageName });
    expect(outcome.message).toContain(`npm install ${packageName}`);
    expect(outcome.message).not.toContain(url);
  });

  it("is reported the same way to a service that loads store-url with require()", () => {
    expect(openIn(REDIS_URL, "require")).toMatchObject({
      code: "store_package_missing",
      packageName: "@zoomkit/store-redis",
    });
  });

  it("does not stop memory, which needs only core", () => {
    expect(openIn("memory", "import")).toEqual({ opened: true });
  });
});
