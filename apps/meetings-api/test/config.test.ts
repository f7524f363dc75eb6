/** Configuration: validated at start, every problem named, and no start in real mode without keys. */

import { baseEnv, startProcess } from "@zoomkit/app-support/testing";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";
import { SERVER_SCRIPT } from "./support/api.js";

const credentials = { ZOOM_ACCOUNT_ID: "acc", ZOOM_CLIENT_ID: "id", ZOOM_CLIENT_SECRET: "s3cr3t-value" };
const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe("loadConfig", () => {
  it("runs embedded with nothing set, on the memory store and loopback", () => {
    expect(loadConfig({})).toMatchObject({
      mode: "embedded",
      zoom: undefined,
      store: { kind: "memory" },
      port: 3000,
      host: "127.0.0.1",
      apiKeys: [],
      logLevel: "info",
    });
  });

  it("runs in real mode with all three credentials and a key", () => {
    const config = loadConfig({
      ...credentials,
      API_KEYS: " aaaaaaaaaaaaaaaa , bbbbbbbbbbbbbbbb ",
      PORT: "8080",
    });
    expect(config).toMatchObject({
      mode: "real",
      host: "0.0.0.0",
      port: 8080,
      apiKeys: ["aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb"],
      zoom: { apiUrl: "https://api.zoom.us/v2", oauthUrl: "https://zoom.us/oauth/token" },
    });
  });

  it("refuses real mode without API keys, and says why", () => {
    expect(problemsOf(credentials)).toEqual([
      expect.stringMatching(/^API_KEYS: required when Zoom credentials/),
    ]);
  });

  it("names the missing credentials when only some are set", () => {
    expect(problemsOf({ ZOOM_CLIENT_ID: "id", API_KEYS: "aaaaaaaaaaaaaaaa" })).toEqual([
      expect.stringMatching(/^ZOOM_ACCOUNT_ID, ZOOM_CLIENT_SECRET: required when ZOOM_CLIENT_ID is set/),
    ]);
  });

  it("reads every store kind and refuses others", () => {
    expect(
      loadConfig({ ZOOMKIT_STORE: "redis://127.0.0.1:6379/2", ZOOMKIT_STORE_NAMESPACE: "meet" }).store,
    ).toEqual({
      kind: "redis",
      url: "redis://127.0.0.1:6379/2",
      namespace: "meet",
    });
    expect(loadConfig({ ZOOMKIT_STORE: "postgresql://db/zoom" }).store).toMatchObject({ kind: "postgres" });
    expect(problemsOf({ ZOOMKIT_STORE: "mysql://db" })).toEqual([
      expect.stringMatching(/^ZOOMKIT_STORE: unsupported/),
    ]);
  });

  it("lists every invalid variable at once, without echoing values", () => {
    const problems = problemsOf({
      PORT: "eighty",
      LOG_LEVEL: "loud",
      API_KEYS: "short",
      ZOOM_API_URL: "ftp://x",
    });
    expect(problems.map((problem) => problem.split(":")[0]).sort()).toEqual([
      "API_KEYS",
      "LOG_LEVEL",
      "PORT",
      "ZOOM_API_URL",
    ]);
    expect(problems.join("\n")).not.toContain("short");
  });
});

it("the process refuses to start in real mode without API_KEYS (exit 1, the reason on stderr)", async () => {
  const proc = startProcess(SERVER_SCRIPT, [], baseEnv({ ...credentials, PORT: "0" }));
  expect(await proc.exited).toBe(1);
  expect(proc.output()).toMatch(/API_KEYS: required when Zoom credentials are configured/);
  expect(proc.output()).not.toContain("s3cr3t-value");
  expect(proc.logs.some((log) => log.msg === "meetings-api listening")).toBe(false);
});
