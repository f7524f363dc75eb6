/** The compiled-in Lua scripts: named by the digest Redis computes, and current with the .lua files. */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { scripts } from "../src/scripts.js";
import { rawClient } from "./helpers.js";

describe("redis store scripts", () => {
  it("names every script by the SHA1 Redis gives its source, so EVALSHA finds it", async () => {
    const raw = await rawClient();
    const all = Object.values(scripts);
    expect(all.length).toBeGreaterThanOrEqual(8);
    for (const script of all) expect(await raw.scriptLoad(script.source), script.name).toBe(script.sha);
  });

  it("has the generated module in step with src/scripts/*.lua (pnpm generate)", async () => {
    const generator = fileURLToPath(new URL("../scripts/generate.mjs", import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [generator, "--check"]);
    expect(stdout).toContain("matches");
  });
});
