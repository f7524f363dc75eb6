/** Ends an app's process with its configuration problems, named by variable and never by value. */
import { ConfigError } from "@zoomkit/env";

/**
 * Loads an app's configuration or ends the process: on a `ConfigError`, `<app>: <message>` and where
 * the settings are documented go to stderr, then the process exits with `exitCode`.
 *
 * @example
 * const config = loadConfigOrExit("meetings-cron", loadConfig, 2);
 */
export function loadConfigOrExit<Config>(
  app: string,
  load: (env: Record<string, string | undefined>) => Config,
  exitCode: number,
): Config {
  try {
    return load(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${app}: ${error.message}\nSee apps/${app}/README.md for every setting.\n`);
    process.exit(exitCode);
  }
}
