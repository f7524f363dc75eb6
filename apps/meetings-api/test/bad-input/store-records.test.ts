/**
 * Bad-input matrix, store records: what someone who can write the store can plant (garbage, a forged
 * plaintext token, a forged open circuit or backoff, ciphertext under another key, huge values), written
 * into real Redis and Postgres at the keys the fleet uses, then a meeting route called through a fresh
 * client with the deployment's key. Each record is ignored and replaced: the route answers as Zoom does
 * (404 for a meeting that does not exist), never a 5xx; no forged token reaches Zoom (no 401), no forged
 * circuit fails a call fast; nothing at error level, no secret or token in any answer or log line.
 */
import { randomBytes } from "node:crypto";
import { openStore } from "@zoomkit/app-support";
import { createZoomClient, fingerprint, type TokenStore } from "@zoomkit/core";
import { DEFAULT_APP, type ZoomSimulator } from "@zoomkit/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServedApp, serveApp } from "../support/in-process.js";
import { errorLines, expectNoSecrets, reportMatrix } from "../support/matrix.js";
import { namespace, SHARED_STORES } from "../support/stores.js";
import { startSimulator, TOKEN_KEY } from "../support/zoom.js";

const FORGED = `forged-${randomBytes(24).toString("hex")}`;
const FAR = Date.now() + 86_400_000;
const plain = (doc: object) => JSON.stringify({ v: 1, ...doc });
const base = `zoomkit:{${DEFAULT_APP.accountId}:${DEFAULT_APP.clientId}:${fingerprint(DEFAULT_APP.clientSecret)}}`;

/** [what, key suffix, value, tag] */
const matrix: [string, string, string, string][] = [
  ["garbage token record", "token", "\u0000garbage{", "foreign"],
  [
    "a forged plaintext token",
    "token",
    plain({ t: FORGED, e: FAR, m: Date.now(), s: [] }),
    fingerprint(FORGED),
  ],
  ["ciphertext under another key", "token", `zk1.${randomBytes(64).toString("base64url")}`, "foreign"],
  ["truncated ciphertext", "token", "zk1.AAAA", "foreign"],
  ["a 256 KiB token record", "token", "x".repeat(256 * 1024), "foreign"],
  ["a token record of a far newer format", "token", JSON.stringify({ v: 99, t: FORGED }), "foreign"],
  [
    "a forged open circuit",
    "circuit",
    plain({ state: "open", openUntil: FAR, coolDownMs: 600_000 }),
    "forged",
  ],
  ["a garbage circuit record", "circuit", "{not json", "forged"],
  [
    "a forged mint backoff",
    "mintfail",
    plain({ failures: 50, retryAt: FAR, code: "invalid_credentials" }),
    "forged",
  ],
  ["a garbage backoff record", "mintfail", "\u0000", "forged"],
];

describe.each(SHARED_STORES)("with $name as the store", ({ kind, url, drop }) => {
  const ns = namespace(kind);
  let sim: ZoomSimulator;
  let store: TokenStore;
  const served: ServedApp[] = [];

  beforeAll(async () => {
    sim = await startSimulator();
    store = await openStore({ kind, url, namespace: ns } as Parameters<typeof openStore>[0]);
  });

  afterAll(async () => {
    await Promise.all(served.map((app) => app.close()));
    await store?.close();
    await sim?.close();
    await drop(ns);
    reportMatrix(`store records (${kind})`, matrix.length);
  });

  it.each(matrix)("ignores and replaces %s", async (_, suffix, value, tag) => {
    const key = `${base}:${suffix}`;
    const current = await store.get(key);
    expect(await store.compareAndSet(key, current?.generation ?? 0, { value, tag }, 600_000)).not.toBeNull();
    // A fresh client: nothing in its process cache, it reads what was planted.
    const zoom = createZoomClient({
      accountId: DEFAULT_APP.accountId,
      clientId: DEFAULT_APP.clientId,
      clientSecret: DEFAULT_APP.clientSecret,
      baseUrl: sim.baseUrl,
      oauthUrl: sim.oauthUrl,
      store,
      encryptionKey: TOKEN_KEY,
    });
    const app = await serveApp(sim, store, { zoom });
    served.push(app);
    const answer = await fetch(`${app.url}/meetings/85000000001`, {
      headers: { authorization: `Bearer ${app.apiKey}` },
    });
    const text = await answer.text();
    expect(answer.status).toBe(404);
    const stats = zoom.tokens.stats();
    expect(stats.unauthorized.seen).toBe(0);
    expect(stats.circuit.fastFailures).toBe(0);
    if (suffix === "token") {
      expect(stats.corruptRecords).toBe(1);
      expect((await store.get(key))?.value).toMatch(/^zk1\./);
      expect((await store.get(key))?.tag).not.toBe(tag);
    }
    expectNoSecrets(
      `${text}\n${JSON.stringify(app.logs)}`,
      [FORGED, TOKEN_KEY, DEFAULT_APP.clientSecret],
      "answer and logs",
    );
    expect(errorLines(app.logs)).toEqual([]);
    await zoom.close();
  });
});
