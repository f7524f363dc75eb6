import { request } from "node:http";
import { describe, expect, test } from "vitest";
import { startZoomSimulator } from "../src/index.js";
import { simulatorPerTest } from "./helpers.js";

const start = simulatorPerTest();

/** A GET with a chosen Host header (fetch does not let a caller set it). */
function getWithHost(url: string, host: string | undefined): Promise<number> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = host === undefined ? {} : { host };
    const req = request(
      {
        hostname: target.hostname,
        port: target.port,
        path: target.pathname,
        headers,
        setHost: host !== undefined,
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("Host check (DNS rebinding)", () => {
  test("a loopback simulator answers loopback names and refuses any other Host with 403", async () => {
    const s = await start();
    const port = new URL(s.url).port;
    const stats = `${s.url}/__sim/stats`;
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `[::1]:${port}`,
      "app.localhost",
      "127.5.6.7",
    ]) {
      expect(await getWithHost(stats, host), host).toBe(200);
    }
    for (const host of [
      "evil.example",
      `evil.example:${port}`,
      "127.0.0.1.evil.example",
      "0.0.0.0",
      "10.0.0.1",
    ]) {
      expect(await getWithHost(stats, host), host).toBe(403);
    }
    expect(await getWithHost(`${s.baseUrl}/users/me`, "evil.example")).toBe(403);
    expect(s.stats().calls).toEqual({});
  });

  test("an explicit non-loopback host serves every name, and warns when it binds", async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on("warning", onWarning);
    const s = await startZoomSimulator({ host: "0.0.0.0" });
    try {
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((w) => (w as { code?: string }).code)).toContain("ZOOMKIT_SIMULATOR_EXPOSED");
      const port = new URL(s.url).port;
      expect(await getWithHost(`http://127.0.0.1:${port}/__sim/stats`, "sim.example")).toBe(200);
    } finally {
      process.off("warning", onWarning);
      await s.close();
    }
  });
});

describe("control POSTs", () => {
  test("must be application/json: a cross-site form or text/plain POST changes nothing", async () => {
    const s = await start();
    const post = (headers: Record<string, string>, body?: string) =>
      fetch(`${s.url}/__sim/apps/sim-client-id/deactivate`, { method: "POST", headers, body });
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
    ]) {
      const refused = await post({ "content-type": type }, "{}");
      expect(refused.status, type).toBe(415);
      expect(await refused.json()).toMatchObject({ error: "unsupported_media_type" });
    }
    expect((await fetch(`${s.url}/__sim/reset`, { method: "POST" })).status).toBe(415);
    expect(s.control.switches().incidents).toEqual({});
    expect((await post({ "content-type": "application/json; charset=utf-8" })).status).toBe(200);
    expect(s.control.switches().incidents["sim-client-id"]?.deactivated).toBe(true);
  });
});
