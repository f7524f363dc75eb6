/**
 * The signal wiring both apps use: the first SIGINT/SIGTERM starts an orderly stop (exit 0 when it
 * completes, 1 when it fails); a second one exits 1 at once, for an operator who will not wait.
 */
import type { Logger } from "./logger.js";

/** Options of `onShutdownSignals`. */
export interface ShutdownSignalOptions {
  logger: Logger;
  /** The orderly stop, run once on the first signal; the process exits when it settles. */
  stop: (signal: NodeJS.Signals) => Promise<void>;
  /** The log message (level error, the error as `err`) when `stop` rejects. */
  failureMessage: string;
  /** Runs on a second signal, just before the process exits 1. @default nothing */
  onSecondSignal?: (signal: NodeJS.Signals) => void;
}

/**
 * Installs the SIGINT and SIGTERM handlers.
 *
 * @example
 * onShutdownSignals({ logger, stop: async () => store.close(), failureMessage: "error while closing" });
 */
export function onShutdownSignals(options: ShutdownSignalOptions): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) {
      options.onSecondSignal?.(signal);
      process.exit(1);
    }
    stopping = true;
    options.stop(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        options.logger.error({ err: error }, options.failureMessage);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", handle);
  process.on("SIGTERM", handle);
}
