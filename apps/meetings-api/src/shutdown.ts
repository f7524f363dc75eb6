/**
 * Graceful shutdown on SIGINT/SIGTERM: stop accepting connections, let in-flight requests finish
 * (bounded by a timeout), then close the store and the rest, and exit 0. A second signal exits at once.
 */
import type { Server } from "node:http";
import { type Logger, onShutdownSignals } from "@zoomkit/app-support";

/** Installs the signal handlers. `closeResources` runs after the server has stopped. */
export function installGracefulShutdown(options: {
  server: Server;
  logger: Logger;
  timeoutMs: number;
  closeResources: () => Promise<void>;
}): void {
  const { server, logger } = options;
  onShutdownSignals({
    logger,
    failureMessage: "error while closing resources",
    onSecondSignal: (signal) => logger.warn({ signal }, "second signal: exiting without waiting"),
    stop: (signal) =>
      new Promise<void>((resolve, reject) => {
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
            .then(() => logger.info("stopped"))
            .then(resolve, reject);
        });
        server.closeIdleConnections();
      }),
  });
}
