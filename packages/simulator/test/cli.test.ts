import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, test } from "vitest";

// The CLI is tested as shipped: the built bin. turbo builds the package before its tests.
const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  child = undefined;
});

function run(args: string[]): {
  child: ChildProcess;
  firstLines: Promise<string>;
  exit: Promise<number | null>;
  /** Everything printed, stdout and stderr, once the process has exited. */
  all: Promise<string>;
} {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: run \`pnpm --filter @zoomkit/simulator build\` first`);
  const proc = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const firstLines = new Promise<string>((resolve, reject) => {
    proc.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("app:")) resolve(out);
    });
    proc.stderr!.on("data", (d: Buffer) => {
      out += d.toString();
    });
    proc.on("exit", () => resolve(out));
    proc.on("error", reject);
  });
  const exit = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  const all = new Promise<string>((resolve) => proc.on("close", () => resolve(out)));
  return { child: proc, firstLines, exit, all };
}

describe("zoomkit-simulator CLI", () => {
  test("prints its URLs, serves tokens and the API, and stops on SIGTERM", async () => {
    const started = run([
      "--port",
      "0",
      "--token-ttl",
      "7",
      "--app",
      "acct-9:cli-client:cli-secret",
      "--qps-medium",
      "50",
    ]);
    child = started.child;
    const output = await started.firstLines;
    const url = /^ZOOMKIT_SIMULATOR_URL=(http:\/\/127\.0\.0\.1:\d+)$/m.exec(output)?.[1];
    expect(url, output).toBeDefined();
    expect(output).toContain(`token endpoint: ${url}/oauth/token`);
    expect(output).toContain("client_id=cli-client");
    expect(output).not.toContain("cli-secret");
    const minted = await fetch(`${url}/oauth/token?grant_type=account_credentials&account_id=acct-9`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from("cli-client:cli-secret").toString("base64")}` },
    });
    expect(minted.status).toBe(200);
    const body = (await minted.json()) as { access_token: string; expires_in: number };
    expect(body.expires_in).toBe(7);
    const user = await fetch(`${url}/v2/users/me`, {
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(user.status).toBe(200);
    const switches = (await (await fetch(`${url}/__sim/switches`)).json()) as { qps: { medium: number } };
    expect(switches.qps.medium).toBe(50);
    child.kill("SIGTERM");
    expect(await started.exit).toBe(0);
  });

  test("rejects invalid options with exit code 2 and says why", async () => {
    const bad = run(["--token-model", "sometimes"]);
    child = bad.child;
    expect(await bad.exit).toBe(2);
    expect(await bad.firstLines).toMatch(/--token-model must be/);
    const invalid = run(["--switches", '{"api":{"errorRate":3}}']);
    child = invalid.child;
    expect(await invalid.exit).toBe(2);
    expect(await invalid.firstLines).toMatch(/api\.errorRate/);
  });

  test("errors name the bad flag and never repeat its value (it may be a secret)", async () => {
    const secret = "hunter2-secret";
    const cases: [string[], RegExp][] = [
      [["--app", `acct-only-${secret}`], /--app must be ACCOUNT_ID:CLIENT_ID:CLIENT_SECRET/],
      [["--switches", `{"webhook":{"url":"x","secretToken":"${secret}"`], /--switches must be a JSON object/],
      [["--switches", `{"webhook":{"url":"not a url","secretToken":"${secret}"}}`], /webhook\.url/],
      [["--port", secret], /--port must be a number/],
      [["--refuse-mints", `${secret}:47`], /--refuse-mints must be CLIENT_ID:CODE/],
      [["--no-override-globals", secret], /unexpected argument/],
    ];
    const runs = cases.map(([args]) => run(args));
    for (const [i, started] of runs.entries()) {
      expect(await started.exit).toBe(2);
      const output = await started.all;
      expect(output).toMatch(cases[i]![1]);
      expect(output).not.toContain(secret);
    }
  });

  test("incident flags and --clock-skew set switches at start; a non-loopback --host warns", async () => {
    const started = run([
      "--host",
      "0.0.0.0",
      "--app",
      "acct-9:cli-client:cli-secret",
      "--deactivate",
      "cli-client",
      "--revoke-on-deactivate",
      "cli-client",
      "--remove-scopes",
      "cli-client:user:read:admin,meeting:read:admin",
      "--refuse-mints",
      "other-client:4705",
      "--clock-skew=-5000",
    ]);
    child = started.child;
    const output = await started.firstLines;
    const port = /^ZOOMKIT_SIMULATOR_URL=http:\/\/0\.0\.0\.0:(\d+)$/m.exec(output)?.[1];
    expect(port, output).toBeDefined();
    const switches = (await (await fetch(`http://127.0.0.1:${port}/__sim/switches`)).json()) as {
      incidents: Record<string, unknown>;
      clockSkewMs: number;
    };
    expect(switches.clockSkewMs).toBe(-5000);
    expect(switches.incidents["cli-client"]).toEqual({
      deactivated: true,
      revokeOnDeactivate: true,
      removedScopes: ["user:read:admin", "meeting:read:admin"],
      mintRefusal: null,
    });
    expect(switches.incidents["other-client"]).toMatchObject({ mintRefusal: { code: 4705, status: 400 } });
    child.kill("SIGTERM");
    expect(await started.all).toMatch(/ZOOMKIT_SIMULATOR_EXPOSED.*0\.0\.0\.0, which is not loopback/);
  });
});
