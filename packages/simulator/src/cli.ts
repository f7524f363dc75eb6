#!/usr/bin/env node
/**
 * `zoomkit-simulator`: runs the simulator until stopped (Ctrl-C or SIGTERM). The first line printed is
 * `ZOOMKIT_SIMULATOR_URL=<url>` so scripts can read it; secrets are never printed, not even in errors.
 */
import { parseArgs } from "node:util";
import { CLI_FLAGS, helpText, type StartDraft } from "./cli-flags.js";
import { DEFAULT_APP } from "./defaults.js";
import { startZoomSimulator } from "./server.js";
import { parseSwitchesPatch, problemText } from "./switches.js";

function readFlags(args: string[]): StartDraft {
  const options = Object.fromEntries(
    CLI_FLAGS.map(
      (f) => [f.name, { type: f.arg ? "string" : "boolean", multiple: f.multiple ?? false }] as const,
    ),
  );
  const { values } = parseArgs({ args, options, strict: true, allowPositionals: false });
  // The CLI's process is the simulator's alone, so the faster global classes harm nobody.
  const draft: StartDraft = { options: { overrideGlobalObjects: true }, switches: {}, help: false };
  for (const flag of CLI_FLAGS) {
    const given = values[flag.name];
    if (given === undefined) continue;
    for (const value of Array.isArray(given) ? given : [given]) flag.apply(draft, String(value));
  }
  return draft;
}

/** parseArgs quotes a stray argument, which may be a secret typed in the wrong place. */
function argsError(error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    return new TypeError(
      "unexpected argument: the simulator takes flags only (is a flag's value misplaced?)",
    );
  }
  return error;
}

async function main(): Promise<void> {
  let draft: StartDraft;
  try {
    draft = readFlags(process.argv.slice(2));
  } catch (error) {
    throw argsError(error);
  }
  if (draft.help) {
    process.stdout.write(helpText());
    return;
  }
  const parsed = parseSwitchesPatch(draft.switches);
  if (!parsed.ok) throw new TypeError(problemText(parsed.problems));
  const sim = await startZoomSimulator({ ...parsed.patch, ...draft.options });
  const shown = draft.options.apps ?? [DEFAULT_APP];
  process.stdout.write(
    [
      `ZOOMKIT_SIMULATOR_URL=${sim.url}`,
      `token endpoint: ${sim.oauthUrl}`,
      `API base:       ${sim.baseUrl}`,
      `control:        ${sim.url}/__sim/switches, ${sim.url}/__sim/stats`,
      ...shown.map((a) => `app:            account_id=${a.accountId} client_id=${a.clientId}`),
      "",
    ].join("\n"),
  );
  const stop = () => {
    void sim.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `zoomkit-simulator: ${error instanceof Error ? error.message : String(error)}\n\n${helpText()}`,
  );
  process.exit(2);
});
