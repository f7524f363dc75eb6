/**
 * `zoomkit doctor` as an operator runs it: the built bin as a child process, the simulator over real
 * HTTP, the fleet's Redis store. Each incident is named on its own line with the fix and the guide's
 * section, the exit code says what kind of trouble it is, and no run prints the secret, the token key
 * or a token.
 */
import { mintToken } from "@zoomkit/core";
import { DEFAULT_APP, startZoomSimulator, type ZoomSimulator } from "@zoomkit/simulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { assertNoSecrets, fleetEnv, type Run, service, zoomkit } from "./support.js";

let zoom: ZoomSimulator;
beforeAll(async () => {
  zoom = await startZoomSimulator({ port: 0 });
});
afterAll(() => zoom.close());
beforeEach(() => zoom.control.reset());

/** Runs doctor, checks that nothing secret was printed, and resolves the run. */
async function doctor(env: Record<string, string>, args: string[] = []): Promise<Run> {
  const run = await zoomkit(["doctor", ...args], env);
  const fleet = service(env);
  try {
    assertNoSecrets(run, env, await fleet.current());
  } finally {
    await fleet.close();
  }
  return run;
}

describe("zoomkit doctor", () => {
  it("passes every check on a healthy setup, one line each, exit 0; a second run uses the fleet's token", async () => {
    const env = fleetEnv(zoom);
    const first = await doctor(env);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const ids = [
      "config",
      "credentials",
      "store",
      "token-key",
      "circuit",
      "mint-budget",
      "lease",
      "backoff",
      "token-endpoint",
      "scopes",
      "api-url",
      "api-call",
      "fleet-token",
      "clock",
    ];
    for (const id of ids) expect(first.line(id)).toMatch(/^ok /);
    expect(first.line("token-endpoint")).toContain("minted one token");
    expect(first.stdout.trim().split("\n")).toHaveLength(ids.length + 1);
    expect(first.stdout).toContain("doctor: healthy");
    const second = await doctor(env);
    expect(second.code).toBe(0);
    expect(second.line("token-endpoint")).toContain("minted nothing");
    expect(second.line("mint-budget")).toContain("1 of 100 tokens");
    expect(zoom.stats().mints[DEFAULT_APP.clientId]).toBe(1);
  });

  it("--json gives the same checks for machines", async () => {
    const env = fleetEnv(zoom);
    const run = await doctor(env, ["--json"]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      status: string;
      exitCode: number;
      checks: { id: string; status: string }[];
    };
    expect(report).toMatchObject({ status: "healthy", exitCode: 0 });
    expect(report.checks.map((c) => c.status)).toEqual(Array(report.checks.length).fill("pass"));
  });

  it("names a deactivated app (fresh tokens refused, 124): exit 1, the fix, and the circuit it opened", async () => {
    const env = fleetEnv(zoom);
    zoom.control.deactivateApp();
    const run = await doctor(env);
    expect(run.code).toBe(1);
    expect(run.line("api-call")).toMatch(/^FAIL .*the app itself is refused.*activated.*#app_rejected/);
    const again = await doctor(env);
    expect(again.code).toBe(1);
    expect(again.line("circuit")).toMatch(
      /^FAIL .*open since .*HTTP 401, code 124.*zoomkit circuit reset.*#app_rejected/,
    );
    expect(again.line("token-endpoint")).toMatch(/^skip .*circuit is open/);
  });

  it("names a rotated secret (the configured one now refused, 4704) with ZOOM_CLIENT_SECRET as the fix", async () => {
    const env = fleetEnv(zoom);
    zoom.control.rotateSecret({ oldTokens: "revoke-now" });
    const run = await doctor(env);
    expect(run.code).toBe(1);
    expect(run.line("token-endpoint")).toMatch(/^FAIL .*code 4704.*ZOOM_CLIENT_SECRET.*#invalid_credentials/);
  });

  it("names a removed scope against the operations asked for, classic or granular", async () => {
    const env = fleetEnv(zoom);
    zoom.control.removeScopes(["meeting:write:admin"]);
    const run = await doctor(env);
    expect(run.code).toBe(1);
    expect(run.line("scopes")).toMatch(
      /^FAIL .*meetingCreate needs one of meeting:write:admin \/ meeting:write \/ meeting:write:meeting/,
    );
    expect(run.line("scopes")).toContain("zoomkit token drop");
    // Operations that need only the scopes the app kept pass.
    const reading = await doctor(fleetEnv(zoom), [
      "--operation",
      "meeting",
      "--operation",
      "GET /users/{userId}/meetings",
    ]);
    expect(reading.line("scopes")).toMatch(/^ok .*covers meeting, meetings/);
  });

  it("names a wrong account id (4700) and a wrong secret (4704)", async () => {
    const account = await doctor(fleetEnv(zoom, { ZOOM_ACCOUNT_ID: "not-this-account" }));
    expect(account.code).toBe(1);
    expect(account.line("token-endpoint")).toMatch(/^FAIL .*code 4700.*ZOOM_ACCOUNT_ID/);
    const wrong = fleetEnv(zoom, { ZOOM_CLIENT_SECRET: "a-wrong-secret-of-some-length" });
    const secret = await doctor(wrong);
    expect(secret.code).toBe(1);
    expect(secret.line("token-endpoint")).toMatch(/^FAIL .*code 4704.*ZOOM_CLIENT_SECRET/);
    expect(secret.line("backoff")).toMatch(/^ok /);
    // The refusal is remembered by the fleet: the next run reports the backoff and does not ask again.
    const again = await doctor(wrong);
    expect(again.code).toBe(1);
    expect(again.line("backoff")).toMatch(/^FAIL .*invalid_credentials.*code 4704/);
    // One refused request per wrong credential; (4706 is the clock check's request without credentials.)
    expect(zoom.stats().mintErrors).toMatchObject({ "4700": 1, "4704": 1 });
  });

  it("names too many live tokens: the fleet's token revoked by a mint outside the store", async () => {
    const env = fleetEnv(zoom);
    const fleet = service(env);
    try {
      await fleet.tokens.getToken();
      zoom.control.set({ tokenModel: "invalidate-previous" });
      // Another tool, not sharing the store, mints for the same app: the fleet's token dies.
      await mintToken({
        credentials: {
          accountId: env.ZOOM_ACCOUNT_ID!,
          clientId: env.ZOOM_CLIENT_ID!,
          clientSecret: env.ZOOM_CLIENT_SECRET!,
        },
        oauthUrl: env.ZOOM_OAUTH_URL!,
        fetch,
      });
    } finally {
      await fleet.close();
    }
    const run = await doctor(env);
    expect(run.code).toBe(1);
    expect(run.line("fleet-token")).toMatch(
      /^FAIL .*revokes the older ones.*ZOOMKIT_STORE.*#too-many-tokens/,
    );
  });

  it("names a store that does not answer, and checks nothing that would mint outside it", async () => {
    const env = fleetEnv(zoom, { ZOOMKIT_STORE: "redis://127.0.0.1:1" });
    const run = await zoomkit(["doctor"], env);
    expect(run.code).toBe(1);
    expect(run.line("store")).toMatch(/^FAIL .*did not answer.*#store-unreachable/);
    expect(run.line("token-endpoint")).toMatch(/^skip /);
    expect(zoom.stats().mints[DEFAULT_APP.clientId] ?? 0).toBe(0);
    assertNoSecrets(run, env, []);
  });

  it("names a token key that does not open the fleet's records, and leaves the fleet's token alone", async () => {
    const env = fleetEnv(zoom);
    const fleet = service(env);
    try {
      const token = await fleet.tokens.getToken();
      const other = { ...env, ZOOMKIT_TOKEN_KEY: Buffer.alloc(32, 9).toString("base64") };
      const run = await zoomkit(["doctor"], other);
      expect(run.code).toBe(1);
      expect(run.line("token-key")).toMatch(/^FAIL .*does not open.*ZOOMKIT_TOKEN_KEY.*#store_misconfigured/);
      expect(run.line("token-endpoint")).toMatch(/^skip /);
      assertNoSecrets(run, env, [token.value]);
      expect(run.all).not.toContain(other.ZOOMKIT_TOKEN_KEY);
      expect(await fleet.current()).toEqual([token.value]);
    } finally {
      await fleet.close();
    }
  });

  it("names clock skew against the token endpoint's Date", async () => {
    zoom.control.set({ clockSkewMs: 300_000 });
    const run = await doctor(fleetEnv(zoom));
    expect(run.code).toBe(1);
    expect(run.line("clock")).toMatch(/^FAIL .*(29\d|30\d) s behind the token endpoint's.*#clock-skew/);
  });

  it("names a ZOOM_API_URL that is not the account's API host", async () => {
    const url = new URL(zoom.baseUrl);
    url.hostname = "localhost";
    const run = await doctor(fleetEnv(zoom, { ZOOM_API_URL: url.toString() }));
    expect(run.code).toBe(1);
    expect(run.line("api-url")).toMatch(/^FAIL .*set ZOOM_API_URL=http:\/\/127\.0\.0\.1:\d+\/v2.*#api-url/);
  });

  it("exits 2 when it could not check, and for usage errors; names missing variables, never values", async () => {
    const down = await doctor(fleetEnv(zoom, { ZOOM_OAUTH_URL: "http://127.0.0.1:1/oauth/token" }));
    expect(down.code).toBe(2);
    expect(down.line("token-endpoint")).toMatch(/^UNKNOWN .*token_endpoint_unavailable/);
    const usage = await zoomkit(["doctor", "--operation", "noSuchOperation"], fleetEnv(zoom));
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("unknown operation");
    const missing = await zoomkit(["doctor"], { ZOOM_CLIENT_SECRET: "only-the-s3cret-is-set" });
    expect(missing.code).toBe(1);
    expect(missing.line("config")).toMatch(/^FAIL .*ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID: required/);
    expect(missing.all).not.toContain("only-the-s3cret-is-set");
  });
});
