/**
 * Bad-input matrix, environment: the built service started with each bad setting refuses to start
 * (exit 1) with a message naming the variable and saying what to do, never echoing a value and never
 * crashing with a stack trace. A few settings that must still start are started too.
 */
import { randomBytes } from "node:crypto";
import { baseEnv, startProcess } from "@zoomkit/app-support/testing";
import { describe, expect, it } from "vitest";
import { SERVER_SCRIPT } from "../support/api.js";
import { expectNoSecrets, reportMatrix } from "../support/matrix.js";

const SECRET = `zoom-secret-${randomBytes(8).toString("hex")}`;
const KEY = randomBytes(24).toString("base64url");
const TOKEN_KEY = randomBytes(32).toString("base64");
const credentials = {
  ZOOM_ACCOUNT_ID: "acc",
  ZOOM_CLIENT_ID: "cid",
  ZOOM_CLIENT_SECRET: SECRET,
  API_KEYS: KEY,
  PORT: "0",
};
const REDIS = "redis://zoomkit:redis-password-x1@127.0.0.1:6379";
const POSTGRES = "postgres://zoomkit@127.0.0.1:5432/test?password=pg-password-x1";

/** A bad setting, the variable the message must name, and text it must contain. */
const refused: [name: string, env: Record<string, string>, variable: string, says: RegExp][] = [
  ["an API key with a space", { API_KEYS: `${KEY} x,${KEY}` }, "API_KEYS", /no spaces/],
  ["an API key of 15 characters", { API_KEYS: "abcdefghijklmno" }, "API_KEYS", /16 to 256/],
  ["an API key with a control character", { API_KEYS: `${KEY}\u0007` }, "API_KEYS", /16 to 256/],
  ["no API key in real mode", { API_KEYS: "" }, "API_KEYS", /required/],
  ["a short metrics token", { METRICS_TOKEN: "short" }, "METRICS_TOKEN", /16 to 256/],
  [
    "a webhook secret with a space",
    { ZOOM_WEBHOOK_SECRET_TOKEN: "abc def" },
    "ZOOM_WEBHOOK_SECRET_TOKEN",
    /whitespace/,
  ],
  ["Redis without a token key", { ZOOMKIT_STORE: REDIS }, "ZOOMKIT_TOKEN_KEY", /openssl rand -base64 32/],
  ["Postgres without a token key", { ZOOMKIT_STORE: POSTGRES }, "ZOOMKIT_TOKEN_KEY", /plaintext/],
  [
    "a 16-byte token key",
    { ZOOMKIT_TOKEN_KEY: randomBytes(16).toString("base64") },
    "ZOOMKIT_TOKEN_KEY",
    /32 bytes/,
  ],
  [
    "a 63-hex-digit token key",
    { ZOOMKIT_TOKEN_KEY: randomBytes(32).toString("hex").slice(1) },
    "ZOOMKIT_TOKEN_KEY",
    /32 bytes/,
  ],
  [
    "a token key listed twice",
    { ZOOMKIT_TOKEN_KEY: `${TOKEN_KEY},${TOKEN_KEY}` },
    "ZOOMKIT_TOKEN_KEY",
    /twice/,
  ],
  [
    "a passphrase as token key",
    { ZOOMKIT_TOKEN_KEY: "correct horse battery staple" },
    "ZOOMKIT_TOKEN_KEY",
    /32 bytes/,
  ],
  [
    "http:// for the API",
    { ZOOM_API_URL: "http://api.zoom.us/v2" },
    "ZOOM_API_URL",
    /ZOOMKIT_ALLOW_INSECURE_HTTP/,
  ],
  [
    "http:// for the token endpoint",
    { ZOOM_OAUTH_URL: "http://zoom.us/oauth/token" },
    "ZOOM_OAUTH_URL",
    /loopback/,
  ],
  ["an ftp:// API", { ZOOM_API_URL: "ftp://api.zoom.us/v2" }, "ZOOM_API_URL", /http/],
  [
    "a URL with credentials that is not one",
    { ZOOM_OAUTH_URL: `https//user:${SECRET}@zoom.us` },
    "ZOOM_OAUTH_URL",
    /URL/,
  ],
  ["an unknown store", { ZOOMKIT_STORE: `mysql://root:${SECRET}@db` }, "ZOOMKIT_STORE", /unsupported/],
  ["a namespace with braces", { ZOOMKIT_STORE_NAMESPACE: "{zoom}" }, "ZOOMKIT_STORE_NAMESPACE", /letters/],
  ["a partial set of credentials", { ZOOM_ACCOUNT_ID: "" }, "ZOOM_ACCOUNT_ID", /required when/],
  ["a port out of range", { PORT: "70000" }, "PORT", /65535/],
  ["an unknown log level", { LOG_LEVEL: "loud" }, "LOG_LEVEL", /expected/i],
  [
    "insecure http spelled wrong",
    { ZOOMKIT_ALLOW_INSECURE_HTTP: "sure" },
    "ZOOMKIT_ALLOW_INSECURE_HTTP",
    /true or false/,
  ],
];

/** Settings at the edge of the rules that must start. */
const accepted: [name: string, env: Record<string, string>][] = [
  [
    "http:// to loopback (the simulator)",
    { ZOOM_API_URL: "http://127.0.0.1:9/v2", ZOOM_OAUTH_URL: "http://localhost:9/oauth/token" },
  ],
  [
    "http:// elsewhere, allowed explicitly",
    { ZOOM_API_URL: "http://zoom.invalid/v2", ZOOMKIT_ALLOW_INSECURE_HTTP: "true" },
  ],
  [
    "two token keys, hex and base64",
    { ZOOMKIT_TOKEN_KEY: `${randomBytes(32).toString("hex")}, ${TOKEN_KEY}` },
  ],
];

describe("bad-input matrix: environment", () => {
  it("refuses each bad setting at start, naming it, echoing nothing", async () => {
    const results = await Promise.all(
      refused.map(async ([name, env, variable, says]) => {
        const proc = startProcess(SERVER_SCRIPT, [], baseEnv({ ...credentials, ...env }));
        return { name, variable, says, env, code: await proc.exited, output: proc.output() };
      }),
    );
    for (const { name, variable, says, env, code, output } of results) {
      expect(code, `${name}:\n${output}`).toBe(1);
      expect(output, name).toMatch(new RegExp(`^  - ${variable}: `, "m"));
      expect(output, name).toMatch(says);
      expect(output, name).not.toMatch(/^\s+at /m);
      expectNoSecrets(
        output,
        [SECRET, KEY, TOKEN_KEY, ...Object.values(env).filter((v) => v.length >= 8)],
        name,
      );
    }
    reportMatrix("environment (refused)", results.length);
  });

  it("starts with the settings at the edge of the rules", async () => {
    for (const [name, env] of accepted) {
      const proc = startProcess(SERVER_SCRIPT, [], baseEnv({ ...credentials, LOG_LEVEL: "info", ...env }));
      await proc
        .waitForLog((log) => log.msg === "meetings-api listening")
        .catch((error: Error) => {
          throw new Error(`${name}: ${error.message}`);
        });
      expect(await proc.stop(), name).toBe(0);
      expectNoSecrets(proc.output(), [SECRET, KEY, TOKEN_KEY], name);
    }
    reportMatrix("environment (accepted)", accepted.length);
  });
});
