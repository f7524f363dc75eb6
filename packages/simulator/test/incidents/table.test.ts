// The incidents table itself: every entry file is listed and tested, and every verb is served over HTTP.
import { existsSync, readdirSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { APP_VERBS, INCIDENTS } from "../../src/incidents/index.js";
import { json, simPost, simulatorPerTest } from "../helpers.js";

const SRC = new URL("../../src/incidents/", import.meta.url);
const entryFiles = readdirSync(SRC)
  .filter((f) => f.endsWith(".ts") && f !== "index.ts" && f !== "incident.ts")
  .map((f) => f.replace(/\.ts$/, ""));
const start = simulatorPerTest();

describe("incidents table", () => {
  test("every entry file is listed in INCIDENTS and has its own test file", () => {
    expect(entryFiles).toHaveLength(INCIDENTS.length);
    for (const name of entryFiles) {
      expect(
        existsSync(new URL(`./${name}.test.ts`, import.meta.url)),
        `test/incidents/${name}.test.ts`,
      ).toBe(true);
    }
  });

  test("every verb answers over HTTP: an unknown client id is 404 from the verb, not a missing route", async () => {
    const s = await start();
    for (const verb of Object.values(APP_VERBS as Record<string, { path: string }>)) {
      const response = await simPost(s, `/apps/nobody/${verb.path}`, {});
      const body = await json(response);
      if (response.status === 404)
        expect(body.message, verb.path).toMatch(/No simulated app has client id nobody/);
      else expect(response.status, verb.path).toBe(400);
    }
  });

  test("defaults of a new app are every entry's defaults", async () => {
    const s = await start();
    s.control.set({ incidents: { "sim-client-id": {} } });
    expect(s.control.switches().incidents["sim-client-id"]).toEqual(
      Object.assign({}, ...INCIDENTS.map((i) => i.defaults)),
    );
  });
});
