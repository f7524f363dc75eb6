/**
 * `zoomkit <command>`: the arguments (Node's `util.parseArgs`: three commands and four options need no
 * library), dispatch, and the exit code. Usage errors and unusable environments exit 2.
 */
import { parseArgs } from "node:util";
import type { ZoomOperation } from "@zoomkit/core";
import { DEFAULT_OPERATIONS, resolveOperation } from "./checks/scopes.js";
import { doctor } from "./doctor.js";
import { type FleetCommand, fleetCommand } from "./fleet-commands.js";
import { createOutput } from "./report.js";
import { SessionConfigError } from "./session.js";

export const USAGE = `Usage: zoomkit <command> [options]

Commands:
  doctor                 check the app, the token endpoint, scopes, api_url, one API call, the clock,
                         the store, the token key and the fleet's circuit, budget and lease
  circuit status         the fleet's circuit: closed, or open and why, until when
  circuit reset          close the fleet's circuit now, after fixing the app (every process learns it)
  token status           the fleet's token: fingerprint, age, expiry, scopes, api_url, who minted it
  token drop             remove the fleet's token: the next process mints one fresh token for all

Options:
  --json                 one JSON document instead of lines
  --operation <op>       (doctor) an operation the services call, by operationId (meetingCreate) or as
                         "METHOD /path" (repeatable; default: ${DEFAULT_OPERATIONS.join(", ")})
  --user <id|email>      (doctor) the user to look up (default: the first user of the account)
  -h, --help             this text

Environment (as the services have it): ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET, ZOOM_API_URL,
ZOOM_OAUTH_URL, ZOOMKIT_STORE, ZOOMKIT_STORE_NAMESPACE, ZOOMKIT_TOKEN_KEY.
Exit: 0 healthy, 1 something needs fixing, 2 could not check (or a usage error). Never prints a secret or a token.
`;

/** Where the command reads and writes; `fetch` for tests that inject nothing else stays the global one. */
export interface ZoomkitIo {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * Runs `zoomkit` with `argv` (without the node and script paths) and resolves the exit code.
 *
 * @example
 * process.exitCode = await runZoomkit(["doctor", "--json"], { env: process.env, stdout, stderr });
 */
export async function runZoomkit(argv: readonly string[], io: ZoomkitIo): Promise<number> {
  const output = createOutput(io.stdout, io.stderr);
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    output.error(`zoomkit: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    (values.help ? output.line : output.error)(USAGE.trimEnd());
    return values.help ? 0 : 2;
  }
  const command = positionals.join(" ");
  try {
    if (command === "doctor") {
      const operations: ZoomOperation[] = [];
      for (const name of values.operation ?? DEFAULT_OPERATIONS) {
        const op = resolveOperation(name);
        if (!op) {
          output.error(
            `zoomkit doctor: unknown operation "${name.slice(0, 80)}": give an operationId such as meetingCreate, or "METHOD /path" as Zoom's API reference writes it`,
          );
          return 2;
        }
        operations.push(op);
      }
      return await doctor(io.env, { json: values.json === true, operations, user: values.user }, output);
    }
    if (["circuit status", "circuit reset", "token status", "token drop"].includes(command)) {
      return await fleetCommand(command as FleetCommand, io.env, values.json === true, output);
    }
    output.error(`zoomkit: unknown command "${command.slice(0, 80)}"\n\n${USAGE}`);
    return 2;
  } catch (error) {
    if (error instanceof SessionConfigError) {
      output.error(
        `zoomkit ${command}: the environment does not describe the app:\n  - ${error.problems.join("\n  - ")}`,
      );
      return 2;
    }
    output.error(
      `zoomkit ${command}: ${error instanceof Error ? `${error.name}: ${error.message}` : "failed"}`,
    );
    return 2;
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: "boolean" },
      operation: { type: "string", multiple: true },
      user: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}
