/**
 * The job's entry point (`node dist/main.js [--once]`): configuration, the store, the Zoom client (or
 * the embedded simulator), then one tick (`--once`, exit status = success) or the schedule until
 * SIGINT/SIGTERM (the running tick finishes first).
 */
import { parseArgs } from "node:util";
import {
  createLogger,
  describeStore,
  loadConfigOrExit,
  onShutdownSignals,
  openStore,
  resolveZoom,
  tokenKeysFor,
  zoomClientOptions,
} from "@zoomkit/app-support";
import { createZoomClient } from "@zoomkit/core";
import { Cron } from "croner";
import { loadConfig } from "./config.js";
import { startSeededZoom } from "./embedded.js";
import { runTick } from "./job.js";
import { replicaId } from "./tick.js";

const USAGE = `usage: meetings-cron [--once]

  --once   run one tick now and exit: 0 when it succeeded (or another replica ran it), 1 when it failed
  --help   show this help

Settings come from the environment; see apps/meetings-cron/README.md.
`;

function readArgs(): { once: boolean } {
  try {
    const { values } = parseArgs({
      options: { once: { type: "boolean", default: false }, help: { type: "boolean", default: false } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      process.stdout.write(USAGE);
      process.exit(0);
    }
    return { once: values.once };
  } catch (error) {
    process.stderr.write(`meetings-cron: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const args = readArgs();
  const config = loadConfigOrExit("meetings-cron", loadConfig, 2);
  const logger = createLogger({ level: config.logLevel, name: "meetings-cron" });

  const { zoom: zoomConfig, embedded } = await resolveZoom(config.zoom, () => startSeededZoom());
  const hosts = config.hosts.length > 0 ? config.hosts : [embedded!.host];
  const store = await openStore(config.store);
  const zoom = createZoomClient({
    ...zoomClientOptions(zoomConfig, tokenKeysFor(config.tokenKeys, embedded !== undefined)),
    store,
  });
  const deps = { zoom, store, config, hosts, holder: replicaId(), logger };
  const closeResources = async () => {
    await store.close();
    await embedded?.close();
  };

  logger.info(
    {
      mode: config.mode,
      ...(embedded ? { simulator: embedded.simulatorUrl } : {}),
      store: describeStore(config.store),
      hosts,
      cron: args.once ? undefined : config.cron,
      graceMinutes: config.graceMinutes,
      dryRun: config.dryRun,
      once: args.once,
    },
    "meetings-cron starting",
  );
  if (!store.capabilities.crossProcessLease) {
    logger.warn(
      { store: store.name },
      "this store cannot exclude other processes: run one replica, or use a redis:// or postgres:// store",
    );
  }

  if (args.once) {
    const report = await runTick(deps);
    await closeResources();
    process.exit(report.status === "failed" ? 1 : 0);
  }

  let running: Promise<unknown> | undefined;
  const job = new Cron(config.cron, { timezone: config.timezone, protect: true }, async () => {
    running = runTick(deps);
    await running;
    running = undefined;
  });
  logger.info({ next: job.nextRun()?.toISOString() }, "scheduled");

  onShutdownSignals({
    logger,
    failureMessage: "error while closing",
    stop: async (signal) => {
      job.stop();
      logger.info({ signal, tickRunning: running !== undefined }, "stopping after the running tick");
      await running;
      await closeResources();
    },
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`meetings-cron failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
