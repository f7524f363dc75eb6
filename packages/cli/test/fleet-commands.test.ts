/**
 * The operator's loop from the issue, with the real bin and a service of the fleet on the same Redis:
 * the app is refused, `zoomkit doctor` says so, the app is fixed, `zoomkit circuit reset`, and the fleet
 * serves again at once (within its re-read interval), not after the cool-down. Then `zoomkit token`.
 */
import { DEFAULT_APP, startZoomSimulator, type ZoomSimulator } from "@zoomkit/simulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { assertNoSecrets, fleetEnv, service, zoomkit } from "./support.js";

let zoom: ZoomSimulator;
beforeAll(async () => {
  zoom = await startZoomSimulator({ port: 0 });
});
afterAll(() => zoom.close());
beforeEach(() => zoom.control.reset());

async function eventually(what: string, probe: () => Promise<boolean>, patienceMs = 20_000): Promise<void> {
  const deadline = Date.now() + patienceMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("zoomkit circuit and zoomkit token", () => {
  it("after fixing a deactivated app, `circuit reset` lets the fleet serve again at once", async () => {
    const env = fleetEnv(zoom);
    // No probe requests: only the reset (or the end of the cool-down) can close the circuit for this service.
    const fleet = service(env, { circuitRecheckMs: 200, circuitProbeMs: 600_000 });
    try {
      zoom.control.deactivateApp();
      expect((await zoomkit(["doctor"], env)).code).toBe(1);
      const status = await zoomkit(["circuit", "status"], env);
      expect(status.code).toBe(1);
      expect(status.stdout).toMatch(/^circuit: open since .*\(HTTP 401, code 124\), cool-down 30 s, until /m);
      expect(status.stdout).toMatch(/^why: .*the app itself is refused/m);
      expect(status.stdout).toContain("zoomkit circuit reset");
      await expect(fleet.tokens.getToken()).rejects.toMatchObject({ code: "app_rejected" });
      const { circuit } = JSON.parse((await zoomkit(["circuit", "status", "--json"], env)).stdout);
      expect(circuit).toMatchObject({ state: "open", status: 401, zoomCode: 124 });

      zoom.control.reactivateApp();
      const reset = await zoomkit(["circuit", "reset"], env);
      expect(reset.code).toBe(0);
      expect(reset.stdout).toMatch(/^circuit: reset \(it was open, code 124\)/);
      await eventually("the service gets a token again", () =>
        fleet.tokens.getToken().then(
          () => true,
          () => false,
        ),
      );
      // Served again before the cool-down would have let it: the reset did it.
      expect(Date.now()).toBeLessThan(circuit.openUntil);
      const closed = await zoomkit(["circuit", "status", "--json"], env);
      expect(closed.code).toBe(0);
      expect(JSON.parse(closed.stdout)).toEqual({ circuit: { state: "closed" } });
      expect((await zoomkit(["doctor"], env)).code).toBe(0);
      assertNoSecrets(status, env, await fleet.current());
    } finally {
      await fleet.close();
    }
  });

  it("`token status` shows the fleet's token without its value; `token drop` makes the fleet mint one fresh token", async () => {
    const env = fleetEnv(zoom);
    const fleet = service(env);
    try {
      const token = await fleet.tokens.getToken();
      const status = await zoomkit(["token", "status"], env);
      expect(status.code).toBe(0);
      expect(status.stdout).toMatch(
        new RegExp(`^token: ${token.fingerprint}, minted .* ago\\) by .+/${process.pid}/`, "m"),
      );
      expect(status.stdout).toMatch(/^expires: .*\(in (59|60) min\)$/m);
      expect(status.stdout).toContain(`scopes: ${token.scopes.join(" ")}\n`);
      expect(token.scopes).toEqual(expect.arrayContaining([...(DEFAULT_APP.scopes ?? [])]));
      expect(status.stdout).toMatch(/^mints: 1 of 100 in the last hour; lease free$/m);
      assertNoSecrets(status, env, [token.value]);

      const drop = await zoomkit(["token", "drop"], env);
      expect(drop.code).toBe(0);
      expect(drop.stdout).toContain(`token: dropped ${token.fingerprint}`);
      expect((await zoomkit(["token", "status"], env)).stdout).toMatch(/^token: none in the store/);
      const next = service(env);
      try {
        const fresh = await next.tokens.getToken();
        expect(fresh.fingerprint).not.toBe(token.fingerprint);
      } finally {
        await next.close();
      }
      const json = JSON.parse((await zoomkit(["token", "status", "--json"], env)).stdout);
      expect(json).toMatchObject({ token: { state: "present" }, mints: { lastHour: 2 } });
    } finally {
      await fleet.close();
    }
  });

  it("refuses to act on a memory store (no fleet state), and explains usage with exit 2", async () => {
    const memory = await zoomkit(["circuit", "reset"], fleetEnv(zoom, { ZOOMKIT_STORE: "memory" }));
    expect(memory.code).toBe(2);
    expect(memory.stderr).toContain("ZOOMKIT_STORE is memory");
    const unknown = await zoomkit(["circuit", "open"], fleetEnv(zoom));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "circuit open"');
    const help = await zoomkit(["--help"], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("zoomkit <command>");
    const flag = await zoomkit(["doctor", "--verbose"], fleetEnv(zoom));
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("--verbose");
  });
});
