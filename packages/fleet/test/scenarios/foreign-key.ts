/**
 * A token record sealed with one encryption key, read by a process configured with another: the record
 * is rejected cleanly (counted, reported as a `corrupt` mint, replaced), no call fails, no process
 * crashes, and nothing any process says carries a secret, a key or a token.
 */
import { randomBytes } from "node:crypto";
import { DEFAULT_APP } from "@zoomkit/simulator";
import { expect } from "vitest";
import {
  type EngineTuning,
  type Fleet,
  type Received,
  type StoreConfig,
  startFleet,
} from "../../src/index.js";
import type { StoreFixture } from "../support/stores.js";
import { mints, startSimulator, uniquePrefix, workerConfig, type ZoomSimulator } from "../support/zoom.js";

const CALLERS = 16;

/** One process with `engine`, 16 concurrent calls; resolves its report and everything it said. */
async function runOne(sim: ZoomSimulator, store: StoreConfig, engine: EngineTuning) {
  const fleet: Fleet = await startFleet({
    processes: 1,
    config: (index) => workerConfig(index, { sim, store, engine, concurrency: CALLERS, mode: "burst" }),
  });
  try {
    fleet.go();
    const [report] = await fleet.reports();
    const worker = fleet.workers[0]!;
    const exit = await worker.exited;
    const messages: Received[] = [...fleet.messages];
    return { report: report!, exit, messages, transcript: JSON.stringify(messages) + worker.output };
  } finally {
    await fleet.close();
  }
}

export async function foreignKey(fixture: StoreFixture): Promise<void> {
  const sim = await startSimulator({ tokenTtlSeconds: 3600 });
  const store = await fixture.shared();
  const keyPrefix = uniquePrefix();
  const keyA = randomBytes(32);
  const keyB = randomBytes(32);
  try {
    const a = await runOne(sim, store, { keyPrefix, encryptionKey: keyA.toString("hex") });
    const b = await runOne(sim, store, { keyPrefix, encryptionKey: keyB.toString("base64") });
    const again = await runOne(sim, store, { keyPrefix, encryptionKey: keyB.toString("hex") });

    expect(a.report.stats?.mints).toMatchObject({ total: 1, cold: 1 });
    // B cannot open A's record: counted once, replaced by a token of its own, every call served.
    expect(b.exit).toEqual({ code: 0, signal: null });
    expect(b.report.failures).toEqual({});
    expect(b.report.ok).toBe(CALLERS);
    expect(b.report.stats?.corruptRecords).toBe(1);
    expect(b.report.stats?.mints).toMatchObject({ total: 1, corrupt: 1 });
    const minted = b.messages.flatMap((m) =>
      m.type === "hook" && m.event.name === "tokenMinted" ? [m.event.payload] : [],
    );
    expect(minted).toHaveLength(1);
    expect(minted[0]?.reason).toBe("corrupt");
    // The replacement is what the store now holds: a process with B's key reads it and mints nothing.
    expect(again.report.stats?.mints.total).toBe(0);
    expect(again.report.stats?.corruptRecords).toBe(0);
    expect(again.report.fingerprint).toBe(minted[0]?.fingerprint);
    expect(again.report.failures).toEqual({});
    expect(mints(sim)).toBe(2);

    for (const transcript of [a.transcript, b.transcript, again.transcript]) {
      const secrets = [
        DEFAULT_APP.clientSecret,
        ...[keyA, keyB].flatMap((k) => [k.toString("hex"), k.toString("base64")]),
      ];
      for (const secret of secrets) expect(transcript).not.toContain(secret);
      // Tokens are 64 URL-safe characters; fingerprints are 12 hex. Nothing token-sized may appear.
      expect(transcript).not.toMatch(/[A-Za-z0-9_-]{40,}/);
    }
  } finally {
    await sim.close();
  }
}
