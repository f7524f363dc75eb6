/**
 * Graceful shutdown on SIGINT/SIGTERM: stop accepting connections, let in-flight requests finish
 * (bounded by a timeout), then close the store and the rest, and exit 0. A second signal exits at once.
 */
import type { Server } from "node:http";
import type { Logger } from "./logger.js";

/** Installs the signal handlers. `closeResources` runs after the server has stopped. */
export function installGracefulShutdown(options: {
  server: Server;
  logger: Logger;
  timeoutMs: number;
  closeResources: () => Promise<void>;
}): void {
  const { server, logger } = options;
  let stopping = false;

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, "second signal: exiting without waiting");
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal, timeoutMs: options.timeoutMs }, "shutting down: finishing in-flight requests");
    // Keep-alive connections that go idle after their last response are closed as they do; busy ones
    // get until the timeout.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    const force = setTimeout(() => {
      logger.warn("shutdown timeout: closing the connections still open");
      server.closeAllConnections();
    }, options.timeoutMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(force);
      options
        .closeResources()
        .then(() => {
          logger.info("stopped");
          process.exit(0);
        })
        .catch((error: unknown) => {
          logger.error({ err: error }, "error while closing resources");
          process.exit(1);
        });
    });
    server.closeIdleConnections();
  };

  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
