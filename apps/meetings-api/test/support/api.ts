/** Starts the built API as a child process and talks to it over HTTP. */
import { fileURLToPath } from "node:url";
import { baseEnv, type RunningProcess, startProcess } from "@zoomkit/app-support/testing";

export const SERVER_SCRIPT = fileURLToPath(new URL("../../dist/server.js", import.meta.url));

export interface RunningApi {
  url: string;
  process: RunningProcess;
  /** `fetch` against the API with the bearer key set (unless `key` is null). */
  call(path: string, init?: RequestInit & { key?: string | null }): Promise<Response>;
  stop(): Promise<number | string>;
}

/** Starts the API with `env` (PORT=0 and LOG_LEVEL=info unless given) and waits until it listens. */
export async function startApi(env: Record<string, string>, apiKey?: string): Promise<RunningApi> {
  const proc = startProcess(SERVER_SCRIPT, [], baseEnv({ PORT: "0", LOG_LEVEL: "info", ...env }));
  const listening = await proc.waitForLog((log) => log.msg === "meetings-api listening");
  const url = String(listening.url);
  return {
    url,
    process: proc,
    call: (path, init = {}) => {
      const { key = apiKey, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (key) headers.set("authorization", `Bearer ${key}`);
      if (rest.body !== undefined && !headers.has("content-type"))
        headers.set("content-type", "application/json");
      return fetch(`${url}${path}`, { ...rest, headers });
    },
    stop: () => proc.stop("SIGTERM"),
  };
}
