/**
 * Running commands in the consumer folder, and the tools it uses: TypeScript is the workspace's (run on
 * the consumer's files), `@types/node` is installed there at the version the workspace uses, and esbuild
 * is installed there as a consumer's own devDependency (not in the workspace, where it would change how
 * pnpm resolves vite's optional peer for every package).
 */
import { execFile } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export const consumerTools = {
  tsc: require.resolve("typescript/bin/tsc"),
  /** Pinned here: the newest that runs on Node 20. */
  esbuild: "0.28.2",
  typesNode: (require("@types/node/package.json") as { version: string }).version,
};

export interface RunOptions {
  cwd: string;
  env?: Record<string, string>;
  /** @default 120_000 (generous: a busy 2-core machine) */
  timeoutMs?: number;
}

/**
 * Runs a command; resolves to its stdout, or rejects with everything it printed when it fails. It never
 * blocks this process, which serves the simulator the command may be calling.
 */
export function run(cmd: string, args: string[], options: RunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      cmd,
      args,
      {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        encoding: "utf8",
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error)
          reject(
            new Error(
              `${cmd} ${args.join(" ")} (${error.message.split("\n")[0]}) in ${options.cwd}:\n${stdout}${stderr}`,
            ),
          );
        else resolve(stdout);
      },
    );
  });
}

/** Runs a command that prints one JSON document. */
export async function runJson<T = Record<string, string[]>>(
  cmd: string,
  args: string[],
  options: RunOptions,
): Promise<T> {
  return JSON.parse(await run(cmd, args, options)) as T;
}

/** Runs a command that prints one JSON document per line. */
export async function runJsonLines(cmd: string, args: string[], options: RunOptions): Promise<unknown[]> {
  return (await run(cmd, args, options))
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as unknown);
}
