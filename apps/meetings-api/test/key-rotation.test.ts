/**
 * Rotating ZOOMKIT_TOKEN_KEY without a split fleet, on Redis and on Postgres, with real API processes:
 * a process on the old key, then processes listing `old,new` and `new,old` (a rolling deploy), then
 * one on the new key alone. One mint in all; the store keeps one token record and one mint counter
 * (store keys never depend on the encryption key, so the circuit and the budget stay shared too); the
 * record the old key sealed is resealed with the new one, which then opens it alone.
 */
import { randomBytes } from "node:crypto";
import { DEFAULT_APP, type ZoomSimulator } from "@zoomkit/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApi, startApi } from "./support/api.js";
import { tokensIn } from "./support/matrix.js";
import { namespace, SHARED_STORES } from "./support/stores.js";
import { randomKey, realModeEnv, startSimulator } from "./support/zoom.js";

const OLD = randomBytes(32).toString("base64");
const NEW = randomBytes(32).toString("hex");

/** The store keys (Redis keys, or the `key` column of Postgres rows) of a namespace's raw records. */
function storeKeys(raw: Record<string, unknown> | Record<string, unknown>[]): string[] {
  return Array.isArray(raw) ? raw.map((row) => String(row.key)) : Object.keys(raw);
}

interface TokenCounters {
  corruptRecords: number;
  resealedRecords: number;
  mints: { total: number };
}

describe.each(SHARED_STORES)(
  "rotating ZOOMKIT_TOKEN_KEY with $name as the store",
  ({ kind, url, read, drop }) => {
    const KEY = randomKey();
    const ns = namespace(kind);
    let sim: ZoomSimulator;
    const apis: RunningApi[] = [];

    const start = async (tokenKeys: string): Promise<RunningApi> => {
      const env = realModeEnv(sim, {
        API_KEYS: KEY,
        ZOOMKIT_STORE: url,
        ZOOMKIT_STORE_NAMESPACE: ns,
        ZOOMKIT_TOKEN_KEY: tokenKeys,
      });
      const api = await startApi(env, KEY);
      apis.push(api);
      return api;
    };
    /** Uses the process's token (a Zoom call), then reads its counters from the keyed `/readyz`. */
    const use = async (api: RunningApi): Promise<TokenCounters> => {
      expect((await api.call("/meetings/85000000001")).status).toBeLessThan(500);
      const ready = await api.call("/readyz");
      expect(ready.status).toBe(200);
      return ((await ready.json()) as { tokens: TokenCounters }).tokens;
    };

    beforeAll(async () => {
      sim = await startSimulator();
    });

    afterAll(async () => {
      const codes = await Promise.all(apis.map((api) => api.stop()));
      await sim?.close();
      await drop(ns);
      expect(codes.every((code) => code === 0)).toBe(true);
      for (const api of apis) {
        const output = api.process.output();
        for (const secret of [OLD, NEW, DEFAULT_APP.clientSecret]) expect(output).not.toContain(secret);
      }
    });

    it("keeps one token, one record and one mint counter through old → old,new + new,old → new", async () => {
      const before = await start(OLD);
      expect((await use(before)).mints.total).toBe(1);

      // The rolling deploy: one process adds the new key, another already seals with it.
      const adding = await start(`${OLD},${NEW}`);
      const rotated = await start(`${NEW},${OLD}`);
      expect(await use(adding)).toMatchObject({ mints: { total: 0 }, corruptRecords: 0 });
      const rotatedCounters = await use(rotated);
      expect(rotatedCounters).toMatchObject({ mints: { total: 0 }, corruptRecords: 0 });
      // new,old read a record the old key sealed and wrote it again with the new key (in the background).
      await expect
        .poll(async () => (await use(rotated)).resealedRecords, { timeout: 10_000, interval: 200 })
        .toBe(1);

      // The rotation is over: a process with the new key alone opens the resealed record.
      await Promise.all([before.stop(), adding.stop()]);
      const after = await start(NEW);
      expect(await use(after)).toMatchObject({ mints: { total: 0 }, corruptRecords: 0 });
      expect(sim.stats().mints[DEFAULT_APP.clientId]).toBe(1);

      // One token record and one mint counter for the whole rotation, and no token in the clear.
      const raw = await read(ns);
      const keys = storeKeys(raw);
      expect(keys.filter((key) => key.endsWith(":token"))).toHaveLength(1);
      expect(keys.filter((key) => key.endsWith(":mints"))).toHaveLength(1);
      expect(tokensIn(JSON.stringify(raw), Object.keys(sim.stats().tokens))).toEqual([]);
    });
  },
);
