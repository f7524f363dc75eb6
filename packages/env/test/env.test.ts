/** The environment as every zoomkit tool reads it: every problem at once, by name, never by value. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  ConfigError,
  describeStore,
  parseEnv,
  sharedConfig,
  sharedEnvShape,
  zoomClientOptions,
} from "../src/index.js";

const schema = z.object(sharedEnvShape);
const KEY = Buffer.alloc(32, 7).toString("base64");
const real = {
  ZOOM_ACCOUNT_ID: "acc",
  ZOOM_CLIENT_ID: "cid",
  ZOOM_CLIENT_SECRET: "s3cret-value",
};

describe("@zoomkit/env", () => {
  it("reads real mode with its defaults and turns it into client options with every token key", () => {
    const config = sharedConfig(parseEnv(schema, { ...real, ZOOMKIT_TOKEN_KEY: `${KEY}` }));
    expect(config).toMatchObject({ mode: "real", problems: [], store: { kind: "memory" } });
    expect(zoomClientOptions(config.zoom!, config.tokenKeys)).toEqual({
      accountId: "acc",
      clientId: "cid",
      clientSecret: "s3cret-value",
      baseUrl: "https://api.zoom.us/v2",
      oauthUrl: "https://zoom.us/oauth/token",
      encryptionKey: [KEY],
    });
  });

  it("names every problem by variable and never echoes a value", () => {
    const bad = {
      ZOOM_CLIENT_SECRET: "s3cret-value",
      ZOOM_API_URL: "ftp://s3cret-host/v2",
      ZOOMKIT_TOKEN_KEY: "s3cret-too-short",
      ZOOMKIT_STORE: "mysql://user:s3cret@db/zoom",
    };
    const error = (() => {
      try {
        parseEnv(schema, bad);
      } catch (e) {
        return e;
      }
    })() as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.problems.map((p) => p.split(":")[0]).sort()).toEqual([
      "ZOOMKIT_STORE",
      "ZOOMKIT_TOKEN_KEY",
      "ZOOM_API_URL",
    ]);
    expect(error.message).not.toContain("s3cret");
    const partial = sharedConfig(parseEnv(schema, { ZOOM_CLIENT_SECRET: "s3cret-value" }));
    expect(partial.problems.join("\n")).toContain("ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID: required");
  });

  it("asks for a token key with a shared store in real mode, and masks the store's password", () => {
    const config = sharedConfig(
      parseEnv(schema, {
        ...real,
        ZOOMKIT_STORE: "redis://app:pw-s3cret@cache:6379",
        ZOOMKIT_STORE_NAMESPACE: "ns",
      }),
    );
    expect(config.problems.join("\n")).toContain("ZOOMKIT_TOKEN_KEY: required with a Redis store");
    expect(describeStore(config.store)).toBe("redis redis://***:***@cache:6379 (namespace ns)");
  });
});
