/**
 * The job's entry point (`node dist/main.js [--once]`): configuration, the store, the Zoom client (or
 * the embedded simulator), then one tick (`--once`, exit status = success) or the schedule until
 * SIGINT/SIGTERM (the running tick finishes first).
 */
import { parseArgs } from "node:util";
import { createZoomClient } from "@zoomkit/core";
import { Cron } from "croner";
import { type Config, ConfigError, loadConfig, type ZoomConfig } from "./config.js";
import { type EmbeddedZoom, startEmbeddedZoom } from "./embedded.js";
import { runTick } from "./job.js";
import { createLogger } from "./logger.js";
import { describeStore, openStore } from "./store.js";
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

function readConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(
      `meetings-cron: ${error.message}\nSee apps/meetings-cron/README.md for every setting.\n`,
    );
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const args = readArgs();
  const config = readConfig();
  const logger = createLogger({ level: config.logLevel, name: "meetings-cron" });

  let embedded: EmbeddedZoom | undefined;
  let zoomConfig: ZoomConfig;
  if (config.zoom) {
    zoomConfig = config.zoom;
  } else {
    embedded = await startEmbeddedZoom();
    zoomConfig = embedded.zoom;
  }
  const hosts = config.hosts.length > 0 ? config.hosts : [embedded!.host];
  const store = await openStore(config.store);
  const zoom = createZoomClient({
    accountId: zoomConfig.accountId,
    clientId: zoomConfig.clientId,
    clientSecret: zoomConfig.clientSecret,
    baseUrl: zoomConfig.apiUrl,
    oauthUrl: zoomConfig.oauthUrl,
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

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    job.stop();
    logger.info({ signal, tickRunning: running !== undefined }, "stopping after the running tick");
    void Promise.resolve(running)
      .then(closeResources)
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, "error while closing");
          process.exit(1);
        },
      );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`meetings-cron failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
