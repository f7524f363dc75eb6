import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { createTokenProvider, ZoomConfigError } from "../../src/index.js";
import { base } from "./setup.js";

describe("token provider: options and lifecycle", () => {
  const bad: [string, Record<string, unknown>][] = [
    ["accountId", { accountId: "" }],
    ["clientId", { clientId: " padded " }],
    ["clientSecret", { clientSecret: "" }],
    ["leaseTtlMs", { leaseTtlMs: 0 }],
    ["mintTimeoutMs", { mintTimeoutMs: Number.NaN }],
    ["circuitMaxCoolDownMs", { circuitMaxCoolDownMs: Number.POSITIVE_INFINITY }],
    ["mintBudgetPerHour", { mintBudgetPerHour: -1 }],
    ["scopeRecheckMs", { scopeRecheckMs: "300000" }],
    ["oauthUrl", { oauthUrl: "zoom.us/oauth/token" }],
    ["keyPrefix", { keyPrefix: "app:{tenant}:" }],
  ];
  for (const [option, patch] of bad) {
    it(`refuses an unusable ${option} with ZoomConfigError naming it`, () => {
      const make = () =>
        createTokenProvider({ ...base, ...patch } as Parameters<typeof createTokenProvider>[0]);
      expect(make).toThrow(ZoomConfigError);
      expect(make).toThrow(expect.objectContaining({ code: "invalid_options", option }));
    });
  }

  it("rejects (never throws synchronously) when a clientSecret function throws or returns nothing", async () => {
    const throwing = createTokenProvider({
      ...base,
      clientSecret: () => {
        throw new Error("vault unreachable");
      },
    });
    const empty = createTokenProvider({ ...base, clientSecret: () => "" });
    const pending = [throwing.getToken(), empty.getToken()];
    await expect(pending[0]).rejects.toThrow("vault unreachable");
    await expect(pending[1]).rejects.toMatchObject({ code: "invalid_credentials" });
  });

  it("leaves nothing running after close(): a process that used the engine exits on its own", async () => {
    // A real process with a mint in flight whose connection stays open (a ref'd timer stands for the
    // socket) until its signal aborts: close() must abandon it, release the lease, and stop renewals.
    const script = `
      const { createTokenProvider } = await import(${JSON.stringify(new URL("../../dist/index.js", import.meta.url).href)});
      const tokens = createTokenProvider({
        accountId: "a", clientId: "c", clientSecret: "s", oauthUrl: "https://zoom.test/oauth/token",
        fetch: (url, init) => new Promise((_, reject) => {
          const socket = setTimeout(() => {}, 600_000);
          init.signal.addEventListener("abort", () => { clearTimeout(socket); reject(init.signal.reason); });
        }),
      });
      const pending = tokens.getToken().catch((error) => error.code);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await tokens.close();
      console.log(await pending);
    `;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error("the process was still running 20 s after close()"));
      }, 20_000);
      child.on("exit", (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    expect(out.trim()).toBe("closed");
    // (the mint in flight ended with the typed \`closed\` error)
    expect(code).toBe(0);
  });
});
