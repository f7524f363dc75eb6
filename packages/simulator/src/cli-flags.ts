/**
 * The CLI's flags as one table: `parseArgs` options, `--help` and the README's flag table all come from
 * it, and each incident adds its own flags (`incidents/`). A flag never repeats a bad value in its error:
 * values can be secrets (`--app`, `--webhook-secret`, `--switches`).
 */

import { flagError } from "./incidents/incident.js";
import { INCIDENT_FLAGS } from "./incidents/index.js";
import type { SimulatorOptions } from "./options.js";
import type { SimulatorApp, SimulatorUser } from "./types.js";

/** What the flags build: options outside the switches, and a raw switches patch validated at the end. */
export interface StartDraft {
  options: Pick<SimulatorOptions, "port" | "host" | "seed" | "overrideGlobalObjects"> & {
    apps?: SimulatorApp[];
    users?: SimulatorUser[];
  };
  switches: Record<string, unknown>;
  help: boolean;
}

export interface CliFlag {
  /** Without its dashes. */
  name: string;
  /** Placeholder of its value; absent for a boolean flag. */
  arg?: string;
  /** May be given several times. */
  multiple?: boolean;
  help: string;
  /** Applies one value (`"true"` for a boolean flag); throws `flagError` on a bad one. */
  apply(draft: StartDraft, value: string): void;
}

const number = (name: string, value: string): number => {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n)) throw flagError(name, "a number");
  return n;
};

/** A flag that sets one switch (at `path`) to a number. */
const numberSwitch = (name: string, arg: string, path: string[], help: string): CliFlag => ({
  name,
  arg,
  help,
  apply: (draft, value) => setIn(draft.switches, path, number(name, value)),
});

const faultFlags = (surface: "api" | "token", where: string): CliFlag[] => [
  numberSwitch(`${surface}-latency`, "MS", [surface, "latencyMs"], `delay every answer of ${where}`),
  numberSwitch(`${surface}-error-rate`, "P", [surface, "errorRate"], `probability of a 5xx from ${where}`),
  numberSwitch(
    `${surface}-drop-rate`,
    "P",
    [surface, "dropRate"],
    `probability of a dropped connection on ${where}`,
  ),
  numberSwitch(
    `${surface}-error-status`,
    "N",
    [surface, "errorStatus"],
    `status of injected errors on ${where}`,
  ),
];

const GLOBAL_FLAGS: CliFlag[] = [
  {
    name: "port",
    arg: "N",
    help: "port (default 0: a free one)",
    apply: (draft, value) => {
      const port = number("port", value);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) throw flagError("port", "0-65535");
      draft.options.port = port;
    },
  },
  {
    name: "host",
    arg: "H",
    help: "interface (default 127.0.0.1); a non-loopback one serves every Host name, with a warning",
    apply: (draft, value) => {
      draft.options.host = value;
    },
  },
  {
    name: "app",
    arg: "A:C:S",
    multiple: true,
    help: "an app as accountId:clientId:clientSecret (repeatable; default: the built-in app)",
    apply: (draft, value) => {
      const [accountId, clientId, ...secret] = value.split(":");
      const clientSecret = secret.join(":");
      if (!accountId || !clientId || !clientSecret)
        throw flagError("app", "ACCOUNT_ID:CLIENT_ID:CLIENT_SECRET");
      draft.options.apps = [...(draft.options.apps ?? []), { accountId, clientId, clientSecret }];
    },
  },
  {
    name: "user",
    arg: "ID:EMAIL",
    multiple: true,
    help: "a user (repeatable; default: the built-in users)",
    apply: (draft, value) => {
      const [id, email, ...rest] = value.split(":");
      if (!id || !email || rest.length > 0) throw flagError("user", "ID:EMAIL");
      draft.options.users = [...(draft.options.users ?? []), { id, email }];
    },
  },
  {
    name: "seed",
    arg: "N",
    help: "seed for errorRate/dropRate faults",
    apply: (draft, value) => {
      draft.options.seed = number("seed", value);
    },
  },
  numberSwitch("token-ttl", "S", ["tokenTtlSeconds"], "expires_in of new tokens, seconds (default 3600)"),
  {
    name: "token-model",
    arg: "M",
    help: "multi | invalidate-previous | max-live:N (default multi)",
    apply: (draft, value) => {
      const maxLive = /^max-live:(\d+)$/.exec(value);
      if (value !== "multi" && value !== "invalidate-previous" && !maxLive) {
        throw flagError("token-model", "multi, invalidate-previous or max-live:N");
      }
      draft.switches.tokenModel = maxLive ? { maxLive: Number(maxLive[1]) } : value;
    },
  },
  numberSwitch("qps-light", "N", ["qps", "light"], "per-second limit of Light operations, per account"),
  numberSwitch("qps-medium", "N", ["qps", "medium"], "per-second limit of Medium operations, per account"),
  numberSwitch("qps-heavy", "N", ["qps", "heavy"], "per-second limit of Heavy operations, per account"),
  numberSwitch("daily-cap", "N", ["dailyCap"], "creates+updates per host per UTC day"),
  numberSwitch("daily-cap-as", "429|300", ["dailyCapAs"], "how the daily cap answers (default 429)"),
  {
    name: "no-rate-limit-headers",
    help: "send 429s without X-RateLimit-* / Retry-After",
    apply: (draft) => {
      draft.switches.rateLimitHeaders = false;
    },
  },
  numberSwitch("scope-error-status", "400|401|403", ["scopeErrorStatus"], "HTTP status of a 4711 answer"),
  ...faultFlags("api", "the API"),
  ...faultFlags("token", "the token endpoint"),
  numberSwitch(
    "clock-skew",
    "MS",
    ["clockSkewMs"],
    "shift the Date header of token and API answers (negative: --clock-skew=-5000)",
  ),
  {
    name: "webhook-url",
    arg: "URL",
    help: "where to post signed meeting events (with --webhook-secret)",
    apply: (draft, value) => setIn(draft.switches, ["webhook", "url"], value),
  },
  {
    name: "webhook-secret",
    arg: "S",
    help: "the webhook secret token (never printed)",
    apply: (draft, value) => setIn(draft.switches, ["webhook", "secretToken"], value),
  },
  {
    name: "no-override-globals",
    help: "keep Node's own Request/Response (slower; what embedding in tests does)",
    apply: (draft) => {
      draft.options.overrideGlobalObjects = false;
    },
  },
  {
    name: "help",
    help: "this text",
    apply: (draft) => {
      draft.help = true;
    },
  },
];

const INCIDENT_CLI_FLAGS: CliFlag[] = INCIDENT_FLAGS.map((flag) => ({
  name: flag.name,
  arg: flag.arg,
  multiple: true,
  help: flag.help,
  apply: (draft, value) => {
    const { clientId, values } = flag.parse(value);
    for (const [key, v] of Object.entries(values)) setIn(draft.switches, ["incidents", clientId, key], v);
  },
}));

/** `--switches` comes last, so a switch it names wins over the flags. */
const SWITCHES_FLAG: CliFlag = {
  name: "switches",
  arg: "JSON",
  help: "any switches, as POST /__sim/control takes them",
  apply: (draft, value) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      // V8's message quotes the input, which may hold a secret.
      throw flagError("switches", "a JSON object");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw flagError("switches", "a JSON object");
    }
    deepMerge(draft.switches, parsed as Record<string, unknown>);
  },
};

/** Every flag, in the order they apply. */
export const CLI_FLAGS: readonly CliFlag[] = [...GLOBAL_FLAGS, ...INCIDENT_CLI_FLAGS, SWITCHES_FLAG];

/** The `--help` text. */
export function helpText(): string {
  const rows = CLI_FLAGS.map((f) => [`--${f.name}${f.arg ? ` ${f.arg}` : ""}`, f.help] as const);
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  return `Usage: zoomkit-simulator [options]\n\n${rows.map(([flag, help]) => `  ${flag.padEnd(width)}${help}`).join("\n")}\n`;
}

function setIn(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = ownValue(node, key);
    if (typeof next === "object" && next !== null) node = next as Record<string, unknown>;
    else node = setOwn(node, key, {}) as Record<string, unknown>;
  }
  setOwn(node, path.at(-1) as string, value);
}

function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    const current = ownValue(target, key);
    const bothObjects = [current, value].every(
      (v) => typeof v === "object" && v !== null && !Array.isArray(v),
    );
    if (bothObjects) deepMerge(current as Record<string, unknown>, value as Record<string, unknown>);
    else setOwn(target, key, value);
  }
}

// Own properties only, defined rather than assigned: a key such as `__proto__` (a client id, or a key in
// --switches) stays a plain key that validation then refuses, and never reaches Object.prototype.
function ownValue(node: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(node, key) ? node[key] : undefined;
}

function setOwn(node: Record<string, unknown>, key: string, value: unknown): unknown {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
  return value;
}
