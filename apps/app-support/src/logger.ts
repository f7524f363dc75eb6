/**
 * Structured JSON logs (pino). Redaction is a safety net, not the plan: code never logs a secret, a
 * token or an API key on purpose, and these paths make sure one that slips into a log object is censored.
 */
import { type DestinationStream, type Logger, pino } from "pino";

/** Field paths censored in every log line, at the top level and one level down. */
const SECRET_FIELDS = [
  "authorization",
  "Authorization",
  "cookie",
  "apiKey",
  "apiKeys",
  "clientSecret",
  "secret",
  "secretToken",
  "webhookSecretToken",
  "token",
  "accessToken",
  "access_token",
  "password",
  "start_url",
  "startUrl",
];

const REDACT_PATHS = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((field) => `*.${field}`),
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-zm-signature"]',
];

export type { Logger };

/**
 * Creates an app's logger: JSON lines with `name`, `pid` and an ISO time, secrets censored.
 *
 * @example
 * const logger = createLogger({ level: "info", name: "meetings-api" });
 */
export function createLogger(options: {
  level: string;
  name: string;
  /** Where lines go. @default stdout */
  destination?: DestinationStream;
}): Logger {
  return pino(
    {
      name: options.name,
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}
