/**
 * Collectors for the token engine's `stats()`, read when Prometheus scrapes (nothing is counted twice,
 * and the engine's hot path does no extra work). With several tracked providers the values are summed
 * (a gauge of state: 1 when any provider is in it).
 */
import { CIRCUIT_STATES, MINT_REASONS, type TokenStats } from "@zoomkit/core";
import { Counter, Gauge, type Registry } from "prom-client";

/** Anything with the engine's statistics: a `ZoomTokenProvider`, or a client's `tokens`. */
export interface StatsSource {
  stats(): TokenStats;
}

type Read = (stats: TokenStats) => number;

/** Registers the engine's collectors in `registry`, reading the providers in `sources` at each scrape. */
export function tokenCollectors(registry: Registry, sources: ReadonlySet<StatsSource>): void {
  const registers = [registry];
  const snapshots = (): TokenStats[] => [...sources].map((source) => source.stats());
  const sum = (all: TokenStats[], read: Read): number => all.reduce((total, stats) => total + read(stats), 0);

  /** A counter whose value is a sum of cumulative stats. */
  const counter = (name: string, help: string, read: Read) =>
    new Counter({
      name,
      help,
      registers,
      collect() {
        this.reset();
        this.inc(sum(snapshots(), read));
      },
    });
  const gauge = (name: string, help: string, read: Read) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(sum(snapshots(), read));
      },
    });

  new Counter({
    name: "zoomkit_token_mints_total",
    help: "Access tokens minted by this process, by reason (cold, refresh, unauthorized, probe, rotation, corrupt, scopes).",
    labelNames: ["reason"] as const,
    registers,
    collect() {
      const all = snapshots();
      this.reset();
      for (const reason of MINT_REASONS)
        this.inc(
          { reason },
          sum(all, (s) => s.mints[reason]),
        );
    },
  });
  new Counter({
    name: "zoomkit_token_hits_total",
    help: "getToken() calls answered from this process's copy or from the shared store.",
    labelNames: ["layer"] as const,
    registers,
    collect() {
      const all = snapshots();
      this.reset();
      this.inc(
        { layer: "process" },
        sum(all, (s) => s.hits.process),
      );
      this.inc(
        { layer: "store" },
        sum(all, (s) => s.hits.store),
      );
    },
  });
  new Gauge({
    name: "zoomkit_token_circuit_state",
    help: "1 for the shared circuit's state as this process last saw it (closed, open, half-open), 0 for the others.",
    labelNames: ["state"] as const,
    registers,
    collect() {
      const all = snapshots();
      for (const state of CIRCUIT_STATES) {
        this.set({ state }, all.some((s) => s.circuit.state === state) ? 1 : 0);
      }
    },
  });
  gauge(
    "zoomkit_token_mints_last_hour",
    "Mints in the last hour for the whole fleet, as last counted in the store.",
    (s) => s.mintsLastHour,
  );
  gauge(
    "zoomkit_token_degraded",
    "1 while the token store fails and tokens are coordinated within this process only.",
    (s) => (s.degraded.active ? 1 : 0),
  );
  counter(
    "zoomkit_token_blocked_total",
    "getToken() calls that waited because no usable token was at hand.",
    (s) => s.blocked,
  );
  counter(
    "zoomkit_token_lease_waits_total",
    "Times this process waited for another process's mint lease.",
    (s) => s.leaseWaits,
  );
  counter(
    "zoomkit_token_leases_lost_total",
    "Mint leases lost while minting (the mint was abandoned).",
    (s) => s.leasesLost,
  );
  counter("zoomkit_token_unauthorized_total", "401s reported by the pipeline.", (s) => s.unauthorized.seen);
  counter(
    "zoomkit_token_unauthorized_retried_total",
    "401s answered with a fresh token to retry with.",
    (s) => s.unauthorized.retried,
  );
  counter(
    "zoomkit_token_circuit_opened_total",
    "Times this process opened (or re-opened) the shared circuit.",
    (s) => s.circuit.opened,
  );
  counter(
    "zoomkit_token_corrupt_records_total",
    "Store records that did not decode or decrypt, ignored and replaced.",
    (s) => s.corruptRecords,
  );
  counter(
    "zoomkit_token_degraded_seconds_total",
    "Time spent in degraded mode.",
    (s) => s.degraded.totalMs / 1000,
  );
}
