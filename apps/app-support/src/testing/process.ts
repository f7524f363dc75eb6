/**
 * Runs a built app as a real child process and reads its output: JSON log lines are parsed, other
 * lines (the banner) are kept as text. Tests wait on what the process says, never on sleeps.
 */
import { type ChildProcess, spawn } from "node:child_process";

/** A child process under test, with its output as it arrives. */
export interface RunningProcess {
  child: ChildProcess;
  /** Every stdout and stderr line so far. */
  lines: string[];
  /** stdout lines that parsed as JSON log records. */
  logs: Record<string, unknown>[];
  /** Resolves with the first log record matching `match` (already seen or still to come). */
  waitForLog(
    match: (log: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** Resolves when `match` holds for the output so far. */
  waitForOutput(match: (lines: string[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  /** All output as one string (to assert that no secret was printed). */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

/** Only what a process needs from the test's environment: no credentials leak in by accident. */
export function baseEnv(extra: Record<string, string>): Record<string, string> {
  const keep = ["PATH", "HOME", "TMPDIR", "LANG", "SYSTEMROOT"];
  const env: Record<string, string> = {};
  for (const name of keep) if (process.env[name] !== undefined) env[name] = process.env[name]!;
  return { ...env, ...extra };
}

/** Starts `node <script> ...args` with exactly `env`. */
export function startProcess(script: string, args: string[], env: Record<string, string>): RunningProcess {
  const child = spawn(process.execPath, [script, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  const logs: Record<string, unknown>[] = [];
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  const reader = (stream: NodeJS.ReadableStream, isStdout: boolean) => {
    let buffered = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      buffered += chunk;
      const parts = buffered.split("\n");
      buffered = parts.pop() ?? "";
      for (const line of parts) {
        lines.push(line);
        if (isStdout && line.startsWith("{")) {
          try {
            logs.push(JSON.parse(line) as Record<string, unknown>);
          } catch {
            // not a log record
          }
        }
      }
      notify();
    });
  };
  reader(child.stdout!, true);
  reader(child.stderr!, false);
  // "close", not "exit": "exit" can come before the last stdout chunk is read, and a test that reads the
  // logs once the process has exited must see all of them (the last line was seen missing).
  const exited = new Promise<number | string>((resolve) => {
    child.once("close", (code, signal) => {
      notify();
      resolve(code ?? signal ?? "unknown");
    });
  });
  let exitedYet = false;
  void exited.then(() => {
    exitedYet = true;
    notify();
  });

  const waitUntil = <T>(check: () => T | undefined, what: string, timeoutMs: number): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const attempt = () => {
        const found = check();
        if (found !== undefined) {
          cleanup();
          resolve(found);
        } else if (exitedYet) {
          cleanup();
          reject(new Error(`process exited before ${what}:\n${lines.join("\n")}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}:\n${lines.join("\n")}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(attempt);
      };
      listeners.add(attempt);
      attempt();
    });

  return {
    child,
    lines,
    logs,
    exited,
    waitForLog: (match, timeoutMs = 10_000) =>
      waitUntil(() => logs.find(match), "a matching log line", timeoutMs),
    waitForOutput: (match, timeoutMs = 10_000) =>
      waitUntil(() => (match(lines) ? true : undefined), "the expected output", timeoutMs).then(
        () => undefined,
      ),
    output: () => lines.join("\n"),
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
