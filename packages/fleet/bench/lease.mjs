// `node bench/run.mjs --scenario lease`: the lease holder SIGKILLed mid-mint (issue 9's incident: token
// endpoint taking 1.5 s, 8 x 32 callers, each caller one call on a cold cache). Engine defaults (2 s
// lease renewed every third of it). Per store: how long after the kill a survivor started its mint
// (target: about 3 s), when the fleet's new token was there (target: about 3 s plus one mint), when the
// last survivor call was done (that adds the simulator, on the same 2 cores, answering 224 calls that
// all start at once: about a second here), failed calls, mints. Prints a table and writes bench-results/fleet-lease.json.
import { randomBytes } from "node:crypto";
import { DEFAULT_APP, startZoomSimulator } from "@zoomkit/simulator";
import { runLeaseHolderKill, summarize } from "../dist/index.js";
import { benchWorker, saveResults } from "./zoom-target.mjs";

export async function benchLease({ stores, processes, callers, mintLatencyMs, out, storeFor }) {
  const results = [];
  for (const kind of stores.filter((k) => k !== "memory")) {
    process.stdout.write(
      `${kind}: ${processes} x ${callers}, holder killed during a ${mintLatencyMs} ms mint ... `,
    );
    const sim = await startZoomSimulator({ tokenTtlSeconds: 3600, token: { latencyMs: mintLatencyMs } });
    const { store, cleanup } = await storeFor(kind);
    const engine = { keyPrefix: `bench-${randomBytes(4).toString("hex")}:` };
    let run;
    try {
      run = await runLeaseHolderKill({
        fleet: {
          processes,
          config: (index) => benchWorker(index, { sim, store, engine, callers, mode: "burst", pauseMs: 0 }),
        },
        killAfterMs: mintLatencyMs / 3,
      });
      const summary = summarize(run.reports);
      const takeover = run.takeovers[0];
      const minted = run.fleet.messages.find(
        (m) => m.type === "hook" && m.event.name === "tokenMinted" && m.index !== run.holder,
      );
      const result = {
        store: kind,
        processes,
        callers,
        mintLatencyMs,
        killedAfterMs: run.killedAt - run.holderMintAt,
        takeoverMs: takeover ? takeover.receivedAt - run.killedAt : null,
        tokenMs: minted ? minted.receivedAt - run.killedAt : null,
        servedMs: Math.round(run.lastServedAt - run.killedAt),
        survivorCalls: summary.calls,
        failed: summary.failed,
        mints: sim.stats().mints[DEFAULT_APP.clientId] ?? 0,
        survivorMints: run.takeovers.length,
        tokensAtEnd: summary.fingerprints.length,
      };
      results.push(result);
      console.log(`takeover after ${result.takeoverMs} ms, token after ${result.tokenMs} ms`);
    } finally {
      await run?.fleet.close();
      await sim.close();
      await cleanup().catch(() => undefined);
    }
  }
  const header =
    "| store | processes x callers | mint takes ms | kill to survivor's mint ms | kill to the fleet's new token ms | kill to last survivor call done ms | survivor calls | failed | mints (simulator) | survivors that minted | tokens at end |";
  const rows = results.map(
    (r) =>
      `| ${r.store} | ${r.processes} x ${r.callers} | ${r.mintLatencyMs} | ${r.takeoverMs} | ${r.tokenMs} | ${r.servedMs} | ${r.survivorCalls} | ${r.failed} | ${r.mints} | ${r.survivorMints} | ${r.tokensAtEnd} |`,
  );
  const table = [header, "|---|---|---|---|---|---|---|---|---|---|---|", ...rows].join("\n");
  console.log(`\nengine defaults (lease 2 s, renewed every 666 ms); holder killed a third into its mint\n`);
  console.log(table);
  await saveResults(
    out,
    "fleet: lease holder SIGKILLed mid-mint; how fast the survivors take over",
    { processes, callers, mintLatencyMs },
    results,
    table,
  );
}
