// How the client-overhead benchmark measures: rounds of create + delete pairs from `concurrency`
// concurrent callers, CPU of this process (`process.cpuUsage()`, user + system, every thread) per call,
// rounds interleaved across the clients so drift and noise on a shared machine hit all of them alike.
import { performance } from "node:perf_hooks";

/** Median of a list of numbers. */
export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const round1 = (x) => Math.round(x * 10) / 10;
const round2 = (x) => Math.round(x * 100) / 100;

/** One round: `pairs` create + delete pairs (2 calls each); CPU µs per call and calls per second. */
export async function measureRound(client, pairs, concurrency) {
  let next = 0;
  const caller = async () => {
    while (next < pairs) {
      next += 1;
      await client.remove(await client.create());
    }
  };
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, caller));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const calls = pairs * 2;
  return { cpuUsPerCall: (cpu.user + cpu.system) / calls, callsPerSecond: calls / seconds };
}

/**
 * Warms every client up (JIT, connections, its first token), then `rounds` rounds in which each client
 * runs once, the order rotated every round and reversed every other one. Per client: the median CPU µs
 * per call and calls per second; `vsBaseline` is the median over rounds of its CPU per call over the
 * baseline's in the same round (paired, so a slow stretch of the machine cancels out).
 *
 * @param {{ name: string, client: { create(): Promise<unknown>, remove(id: unknown): Promise<void> } }[]} entries
 */
export async function compareClients(entries, { rounds, pairs, concurrency, baseline }) {
  for (const { client } of entries) await measureRound(client, Math.ceil(pairs / 2), concurrency);
  const runs = new Map(entries.map(({ name }) => [name, []]));
  for (let r = 0; r < rounds; r++) {
    const rotated = entries.map((_, i) => entries[(i + r) % entries.length]);
    const order = r % 2 === 0 ? rotated : rotated.reverse();
    for (const { name, client } of order) runs.get(name).push(await measureRound(client, pairs, concurrency));
  }
  const base = runs.get(baseline);
  const results = {};
  for (const [name, list] of runs) {
    results[name] = {
      cpuUsPerCall: round1(median(list.map((x) => x.cpuUsPerCall))),
      vsBaseline: round2(median(list.map((x, i) => x.cpuUsPerCall / base[i].cpuUsPerCall))),
      callsPerSecond: Math.round(median(list.map((x) => x.callsPerSecond))),
      roundsCpuUsPerCall: list.map((x) => round1(x.cpuUsPerCall)),
    };
  }
  return { rounds, callsPerRound: pairs * 2, concurrency, baseline, clients: results };
}
