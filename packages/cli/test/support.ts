/**
 * Runs the built `zoomkit` bin as a child process (the real command, its real exit code) against a
 * simulator started in this test process (real HTTP), with a Redis namespace of its own per test.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { createTokenProvider, type TokenProviderOptions } from "@zoomkit/core";
import { DEFAULT_APP, type ZoomSimulator } from "@zoomkit/simulator";
import { createRedisStore } from "@zoomkit/store-redis";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together. */
  all: string;
  /** The line of check `id` in doctor's output. */
  line(id: string): string;
}

/** Runs `zoomkit ...args` with exactly `env` (plus PATH). */
export function zoomkit(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env.PATH ?? "", ...env }, timeout: 45_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        if (code === -1) {
          return reject(
            new Error(
              `zoomkit ${args.join(" ")} did not finish: ${error?.message}\nstdout: ${stdout}\nstderr: ${stderr}`,
            ),
          );
        }
        const line = (id: string) =>
          stdout.split("\n").find((l) => new RegExp(`^\\S+\\s+${id}\\s`).test(l)) ?? `(no ${id} line)`;
        resolve({ code, stdout, stderr, all: stdout + stderr, line });
      },
    );
  });
}

/** A fresh fleet: the simulator's default app, a Redis namespace and a token key of its own. */
export function fleetEnv(zoom: ZoomSimulator, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ZOOM_ACCOUNT_ID: DEFAULT_APP.accountId,
    ZOOM_CLIENT_ID: DEFAULT_APP.clientId,
    ZOOM_CLIENT_SECRET: DEFAULT_APP.clientSecret,
    ZOOM_OAUTH_URL: zoom.oauthUrl,
    ZOOM_API_URL: zoom.baseUrl,
    ZOOMKIT_STORE: REDIS_URL,
    ZOOMKIT_STORE_NAMESPACE: `zk_cli_${randomBytes(5).toString("hex")}`,
    ZOOMKIT_TOKEN_KEY: randomBytes(32).toString("base64"),
    ...extra,
  };
}

/** Every value `run` must never print: the secret, the token key, and the token values the simulator handed out. */
export function assertNoSecrets(run: Run, env: Record<string, string>, tokens: readonly string[]): void {
  const leaks = [env.ZOOM_CLIENT_SECRET, env.ZOOMKIT_TOKEN_KEY, ...tokens].filter(
    (value): value is string => typeof value === "string" && value.length > 0 && run.all.includes(value),
  );
  if (leaks.length > 0) throw new Error(`zoomkit printed ${leaks.length} secret value(s)`);
}

/** A service of the fleet `env` describes: the same engine, store, namespace and key as the apps use. */
export function service(env: Record<string, string>, options: Partial<TokenProviderOptions> = {}) {
  const store = createRedisStore({ url: REDIS_URL, namespace: env.ZOOMKIT_STORE_NAMESPACE! });
  const tokens = createTokenProvider({
    accountId: env.ZOOM_ACCOUNT_ID!,
    clientId: env.ZOOM_CLIENT_ID!,
    clientSecret: env.ZOOM_CLIENT_SECRET!,
    oauthUrl: env.ZOOM_OAUTH_URL!,
    store,
    encryptionKey: env.ZOOMKIT_TOKEN_KEY!,
    ...options,
  });
  return {
    tokens,
    /** The token value the fleet holds now (adopted from the store, never minted), if any. */
    async current(): Promise<string[]> {
      const state = await tokens.fleet.inspect();
      if (!state.reachable || state.token.state !== "present") return [];
      return [(await tokens.getToken()).value];
    },
    async close() {
      await tokens.close();
      await store.close();
    },
  };
}
