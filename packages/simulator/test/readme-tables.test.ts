// The README's switch, incident, control and CLI tables against the tables in the code: a switch, verb
// or flag added or renamed without its README row fails here, and so does a row for one that is gone.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { CLI_FLAGS } from "../src/cli-flags.js";
import { INCIDENTS } from "../src/incidents/index.js";
import { OPERATIONS } from "../src/operations.js";
import { CONTROL_ROUTES } from "../src/routes/control.js";
import { defaultFaults, defaultSwitches, switchesSchema } from "../src/switches.js";
import { simulatorPerTest } from "./helpers.js";

const README = readFileSync(new URL("../README.md", import.meta.url), "utf8");

/** The rows (cells) of the first table after a heading. */
function table(heading: string): string[][] {
  const start = README.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README has no heading ${heading}`);
  const lines = README.slice(start).split("\n");
  const first = lines.findIndex((l) => l.startsWith("|"));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

/** The code spans of a cell, e.g. "`a`, `b(x)`" gives ["a", "b(x)"]. */
const spans = (cell: string | undefined): string[] =>
  [...(cell ?? "").matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();

describe("README tables", () => {
  test("Switches lists every switch but the incidents' own, and no other", () => {
    const rows = table("## Switches");
    const named = rows.flatMap((row) => spans(row[0]).map((s) => s.split(/[.[]/)[0]!));
    expect(sorted(named)).toEqual(sorted(Object.keys(switchesSchema.shape)));
    const faults = table("### Faults (`token` and `api` each)");
    expect(sorted(faults.flatMap((row) => spans(row[0])))).toEqual(sorted(Object.keys(defaultFaults())));
    // Where a row names one switch and one default, the default is the code's.
    const defaults: Record<string, unknown> = { ...defaultSwitches(), ...defaultFaults() };
    for (const [name, value] of [...rows, ...faults].map((row) => [spans(row[0]), spans(row[1])])) {
      if (name!.length === 1 && value!.length === 1)
        expect(value![0], name![0]).toBe(JSON.stringify(defaults[name![0]!]));
    }
  });

  test("Incidents has one row per entry, naming its switches, verbs, HTTP paths and flags", () => {
    const rows = table("## Incidents");
    expect(rows.map((row) => row[0])).toEqual(INCIDENTS.map((i) => i.name));
    for (const [i, incident] of INCIDENTS.entries()) {
      const [, switches, js, http, cli] = rows[i]!;
      // Each switch is written "`name` (`default`)".
      const written = [...(switches ?? "").matchAll(/`(\w+)` \(`([^`]+)`\)/g)].map((m) => [m[1]!, m[2]!]);
      expect(Object.fromEntries(written), incident.name).toEqual(
        Object.fromEntries(Object.entries(incident.defaults).map(([k, v]) => [k, JSON.stringify(v)])),
      );
      expect(sorted(spans(js).map((s) => s.split("(")[0]!)), incident.name).toEqual(
        sorted(Object.keys(incident.verbs)),
      );
      const paths = Object.values(incident.verbs as Record<string, { path: string }>).map((v) => v.path);
      expect(sorted(spans(http).filter((s) => /^[a-z-]+$/.test(s))), incident.name).toEqual(sorted(paths));
      expect(sorted(spans(cli).map((s) => s.split(" ")[0]!)), incident.name).toEqual(
        sorted(incident.flags.map((f) => `--${f.name}`)),
      );
    }
  });

  const start = simulatorPerTest();

  test("Control lists every control method and control route", async () => {
    const s = await start();
    const verbs = INCIDENTS.flatMap((i) => Object.keys(i.verbs));
    const methods = Object.keys(s.control).filter((name) => !verbs.includes(name));
    const rows = table("## Control");
    expect(sorted(rows.flatMap((row) => spans(row[0]).map((c) => c.split("(")[0]!)))).toEqual(
      sorted(methods),
    );
    const routes = rows.flatMap((row) => spans(row[1]).filter((c) => /^(GET|POST) \/__sim\/[^<]*$/.test(c)));
    expect(sorted(routes)).toEqual(sorted(CONTROL_ROUTES.map(([method, path]) => `${method} ${path}`)));
  });

  test("API operations lists every operation of the OpenAPI document once", () => {
    const named = table("## API operations").flatMap((row) => spans(row[1]));
    expect([...named].sort()).toEqual(OPERATIONS.map((op) => op.id).sort());
  });

  test("CLI and Incidents together list every flag", () => {
    const global = table("## CLI").flatMap((row) => spans(row[0]).map((s) => s.split(" ")[0]!));
    const incident = table("## Incidents").flatMap((row) => spans(row[4]).map((s) => s.split(" ")[0]!));
    expect(sorted([...global, ...incident])).toEqual(sorted(CLI_FLAGS.map((f) => `--${f.name}`)));
  });
});
