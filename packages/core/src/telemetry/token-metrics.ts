/**
 * The token engine's OpenTelemetry instruments, read from `stats()` when the SDK collects (nothing is
 * counted twice and the hot path does no extra work): mints by reason, failed mints, lease waits,
 * 401s, the circuit's state and degraded mode, per credential fingerprint.
 */
import type { BatchObservableCallback, Meter } from "@opentelemetry/api";
import { MINT_REASONS } from "../events.js";
import { CIRCUIT_STATES, type TokenStats } from "../tokens/token-stats.js";

/** Reports `stats()` through `meter` until the returned function is called (the provider's `close()`). */
export function observeTokenStats(meter: Meter, stats: () => TokenStats): () => void {
  const mints = meter.createObservableCounter("zoomkit.token.mints", {
    description: "Access tokens minted by this process, by reason.",
    unit: "{token}",
  });
  const mintFailures = meter.createObservableCounter("zoomkit.token.mint_failures", {
    description:
      "Requests to the token endpoint that failed (5xx, timeout, network, malformed reply, refused credentials).",
    unit: "{request}",
  });
  const leaseWaits = meter.createObservableCounter("zoomkit.token.lease_waits", {
    description: "Times this process waited for another process's mint lease.",
    unit: "{wait}",
  });
  const unauthorized = meter.createObservableCounter("zoomkit.token.unauthorized", {
    description: "401s reported by the pipeline.",
    unit: "{response}",
  });
  const circuit = meter.createObservableGauge("zoomkit.token.circuit.state", {
    description: "1 for the shared circuit's current state (closed, open, half-open), 0 for the others.",
    unit: "1",
  });
  const degraded = meter.createObservableGauge("zoomkit.token.degraded", {
    description: "1 while the token store fails and tokens are coordinated within this process only.",
    unit: "1",
  });
  const observables = [mints, mintFailures, leaseWaits, unauthorized, circuit, degraded];
  const callback: BatchObservableCallback = (result) => {
    const s = stats();
    const credential = { "zoomkit.credential": s.credential };
    for (const reason of MINT_REASONS) {
      result.observe(mints, s.mints[reason], { ...credential, "zoomkit.mint.reason": reason });
    }
    result.observe(mintFailures, s.mintFailures, credential);
    result.observe(leaseWaits, s.leaseWaits, credential);
    result.observe(unauthorized, s.unauthorized.seen, credential);
    for (const state of CIRCUIT_STATES) {
      result.observe(circuit, s.circuit.state === state ? 1 : 0, {
        ...credential,
        "zoomkit.circuit.state": state,
      });
    }
    result.observe(degraded, s.degraded.active ? 1 : 0, credential);
  };
  meter.addBatchObservableCallback(callback, observables);
  return () => meter.removeBatchObservableCallback(callback, observables);
}
