/**
 * A fleet worker: one real OS process (started with `child_process.fork`) with its own token engine
 * and store connection, as one replica of a service would be. It waits for its config and `go`, makes
 * calls against the simulator with `concurrency` concurrent callers, and reports over IPC.
 */
import type { ZoomHooks } from "@zoomkit/core";
import type { Caller, CallOutcome } from "./caller.js";
import { createHistogram, record } from "./histogram.js";
import { createNaiveCaller } from "./naive-client.js";
import type { HookEvent, ParentMessage, WorkerConfig, WorkerMessage, WorkerReport } from "./protocol.js";
import { createRivetCaller } from "./rivet-caller.js";
import { createZoomkitCaller } from "./zoomkit-caller.js";

const MAX_FAILURE_KINDS = 20;

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

/** Hook payloads without anything secret: errors become their name, code and messages. */
function sanitize(payload: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload))
    out[key] = value instanceof Error ? describeError(value) : value;
  return out;
}

function describeError(error: Error): Record<string, unknown> {
  const causes: string[] = [];
  let cause: unknown = error.cause;
  for (let depth = 0; cause instanceof Error && depth < 4; depth++) {
    causes.push(cause.message);
    cause = cause.cause;
  }
  return { name: error.name, code: (error as { code?: unknown }).code, message: error.message, causes };
}

/** The code a failure is counted under: the error's string `code`, else its name; a returned outcome as it is. */
function failureCode(error: unknown): string {
  if (!(error instanceof Error)) return "thrown";
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : error.name;
}

function describeFailure(error: unknown, maxLength = 300): string {
  if (!(error instanceof Error)) return String(error).slice(0, maxLength);
  const code = (error as { code?: unknown }).code;
  return `${error.name}${typeof code === "string" ? ` ${code}` : ""}: ${error.message}`.slice(0, maxLength);
}

function hooksFor(index: number): ZoomHooks {
  const forward =
    (name: string) =>
    (payload: object): void => {
      const event: HookEvent = { name, at: Date.now(), payload: sanitize(payload) };
      void send({ type: "hook", index, event });
    };
  return {
    tokenMinted: forward("tokenMinted"),
    mintFailed: forward("mintFailed"),
    refreshFailed: forward("refreshFailed"),
    appRejected: forward("appRejected"),
    appRecovered: forward("appRecovered"),
    storeDegraded: forward("storeDegraded"),
  };
}

async function run(config: WorkerConfig): Promise<void> {
  const { index } = config;
  const onMintStarted = (): void => void send({ type: "mint-started", index, at: Date.now() });
  const caller: Caller =
    config.client === "naive"
      ? await createNaiveCaller(config, onMintStarted)
      : config.client === "rivet"
        ? createRivetCaller(config)
        : await createZoomkitCaller(config, hooksFor(index), onMintStarted);

  let stopping = false;
  let go: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    go = resolve;
  });
  process.on("message", (message: ParentMessage) => {
    if (message.type === "go") go();
    else if (message.type === "stop") stopping = true;
    else if (message.type === "probe") void probe();
  });
  const probe = async (): Promise<void> => {
    const fingerprint = await caller.fingerprint().catch(() => undefined);
    const stats = caller.stats();
    await send({
      type: "state",
      index,
      degraded: caller.degraded(),
      ...(fingerprint ? { fingerprint } : {}),
      ...(stats ? { stats } : {}),
    });
  };

  await caller.warm();
  await send({ type: "ready", index, pid: process.pid });
  await started;

  const latency = createHistogram();
  const failures: Record<string, number> = {};
  const failureCodes: WorkerReport["failureCodes"] = {};
  const firstFailureAt: WorkerReport["firstFailureAt"] = Array.from(
    { length: config.concurrency },
    () => ({}),
  );
  const operations: WorkerReport["operations"] = {};
  let calls = 0;
  let failed = 0;
  let lastFailureAt: number | undefined;
  let servingAgainAt: number | undefined;
  const begin = performance.now();
  const once = async (callerIndex: number): Promise<void> => {
    const t0 = performance.now();
    let operation = "call";
    let outcome: CallOutcome;
    let code: string | undefined;
    let message: string | undefined;
    try {
      const result = await caller.call(callerIndex);
      operation = result.operation;
      outcome = result.outcome;
      code = outcome;
      message = outcome;
    } catch (error) {
      outcome = describeFailure(error);
      code = failureCode(error);
      message = describeFailure(error, 2_000);
    }
    record(latency, performance.now() - t0);
    calls += 1;
    const byOperation = operations[operation] ?? { calls: 0, failed: 0, failures: {} };
    operations[operation] = byOperation;
    byOperation.calls += 1;
    if (outcome === undefined || code === undefined) {
      if (lastFailureAt !== undefined) servingAgainAt ??= Date.now();
      return;
    }
    failed += 1;
    lastFailureAt = Date.now();
    servingAgainAt = undefined;
    byOperation.failed += 1;
    if (outcome in byOperation.failures || Object.keys(byOperation.failures).length < MAX_FAILURE_KINDS)
      byOperation.failures[outcome] = (byOperation.failures[outcome] ?? 0) + 1;
    if (outcome in failures || Object.keys(failures).length < MAX_FAILURE_KINDS)
      failures[outcome] = (failures[outcome] ?? 0) + 1;
    const byCode = failureCodes[code] ?? { count: 0, message: message ?? outcome };
    byCode.count += 1;
    failureCodes[code] = byCode;
    const first = firstFailureAt[callerIndex]!;
    first[code] ??= Date.now();
  };
  const loop = async (callerIndex: number): Promise<void> => {
    const pause = config.pauseMs ?? 0;
    while (!stopping) {
      await once(callerIndex);
      if (pause > 0 && !stopping) await new Promise((resolve) => setTimeout(resolve, pause));
    }
  };
  const callers = Array.from({ length: config.concurrency }, (_, i) =>
    config.mode === "burst" ? once(i) : loop(i),
  );
  await Promise.all(callers);
  const elapsedMs = performance.now() - begin;

  const fingerprint = await caller.fingerprint().catch(() => undefined);
  const stats = caller.stats();
  const report: WorkerReport = {
    index,
    calls,
    ok: calls - failed,
    failed,
    failures,
    failureCodes,
    firstFailureAt,
    operations,
    ...(lastFailureAt !== undefined ? { lastFailureAt } : {}),
    ...(servingAgainAt !== undefined ? { servingAgainAt } : {}),
    latency,
    elapsedMs,
    mints: caller.mints(),
    ...(stats ? { stats } : {}),
    ...(fingerprint ? { fingerprint } : {}),
  };
  await send({ type: "report", report });
  await Promise.race([caller.close().catch(() => undefined), new Promise((r) => setTimeout(r, 3_000))]);
}

// A worker whose parent is gone has no one to report to: leave rather than linger.
process.on("disconnect", () => process.exit(1));
process.once("message", (message: ParentMessage) => {
  if (message.type !== "config") return;
  run(message.config).then(
    () => process.exit(0),
    async (error: unknown) => {
      await send({ type: "fatal", index: message.config.index, message: describeFailure(error) });
      process.exit(1);
    },
  );
});
