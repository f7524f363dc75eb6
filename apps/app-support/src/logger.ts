/**
 * Structured JSON logs (pino). Redaction is a safety net, not the plan: code never logs a secret, a
 * token or an API key on purpose, and `log-redaction.ts` makes sure one that slips into a log line is
 * censored, at any depth, in the message as well as in the fields.
 */
import { redactUrl } from "@zoomkit/core";
import { type DestinationStream, type Logger, pino } from "pino";
import { redactLogValue } from "./log-redaction.js";

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
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // The formatter walks every field (errors and their causes included) before pino serialises it, so
      // pino's own err serializer, which would copy a raw message and cause chain, is replaced.
      formatters: { log: (object) => redactLogValue(object) as Record<string, unknown> },
      serializers: { err: (error: unknown) => error },
      hooks: {
        logMethod(args, method) {
          const [first, ...rest] = args as unknown[];
          // `logger.error(error)` takes its message from error.message, which the formatter never sees.
          if (first instanceof Error) {
            const message = typeof rest[0] === "string" ? rest : [first.message, ...rest];
            return method.apply(this, [{ err: first }, ...message.map(redactArgument)] as never);
          }
          return method.apply(this, args.map(redactArgument) as never);
        },
      },
    },
    options.destination,
  );
}

const redactArgument = (argument: unknown): unknown =>
  typeof argument === "string" ? redactUrl(argument) : argument;
