import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { createTokenProvider, ZoomConfigError } from "../../src/index.js";
import { base, setup } from "./setup.js";

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

  it("rejects with ZoomConfigError (never a raw error, never synchronously) when a clientSecret function is unusable", async () => {
    const vault = new Error("vault unreachable");
    const unusable: [string, () => unknown, RegExp][] = [
      [
        "throws",
        () => {
          throw vault;
        },
        /threw \(Error\); see the cause/,
      ],
      ["returns an empty string", () => "", /returned an empty string/],
      ["returns a number", () => 42, /returned a number/],
      ["returns undefined", () => undefined, /returned undefined instead/],
      [
        "returns a Promise",
        async () => "the-secret",
        /returned a Promise \(the function must return the secret itself/,
      ],
    ];
    for (const [what, clientSecret, message] of unusable) {
      const tokens = createTokenProvider({ ...base, clientSecret: clientSecret as () => string });
      const error = await tokens.getToken().catch((e: unknown) => e);
      expect(error, what).toBeInstanceOf(ZoomConfigError);
      expect(error, what).toMatchObject({ code: "invalid_options", option: "clientSecret" });
      expect((error as Error).message, what).toMatch(message);
      expect((error as Error).message, what).toMatch(/account acc-1, client client-1/);
      // The pipeline's other entry points reject too (scopesMissing used to throw synchronously).
      const token = { value: "t", fingerprint: "f", expiresAt: 0, mintedAt: 0, generation: 0, scopes: [] };
      const missing = (() => {
        try {
          return tokens.scopesMissing(token, { status: 403, zoomCode: 4711 }, {});
        } catch (thrown) {
          return thrown;
        }
      })();
      expect(missing, what).toBeInstanceOf(Promise);
      await expect(missing, what).rejects.toBeInstanceOf(ZoomConfigError);
      await expect(tokens.unauthorized(token, { status: 401 }, { attempt: 1 }), what).rejects.toBeInstanceOf(
        ZoomConfigError,
      );
      await tokens.close();
    }
    const thrown = await createTokenProvider({
      ...base,
      clientSecret: () => {
        throw vault;
      },
    })
      .getToken()
      .then(
        () => undefined,
        (e: unknown) => e as Error,
      );
    expect(thrown?.cause).toBe(vault);
  });

  it("serves tokens again as soon as the clientSecret function returns a secret", async () => {
    const { make, zoom } = setup();
    let secret: string | undefined;
    const tokens = make({ clientSecret: () => secret as string });
    await expect(tokens.getToken()).rejects.toBeInstanceOf(ZoomConfigError);
    secret = "the-secret";
    expect((await tokens.getToken()).value).toMatch(/^tok-1-/);
    expect(zoom.mints()).toBe(1);
    await tokens.close();
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
