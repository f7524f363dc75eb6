/**
 * What `pnpm start` runs, on the embedded default: the built server with no Zoom credentials at all.
 * The banner's curl commands are parsed and replayed as printed; they create and delete a meeting.
 */

import { baseEnv, type RunningProcess, startProcess } from "@zoomkit/app-support/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { SERVER_SCRIPT } from "./support/api.js";
import { curlCommands, parseCurl, replay } from "./support/banner.js";

let server: RunningProcess;

beforeAll(async () => {
  // No ZOOM_* variables and no API_KEYS: exactly a fresh clone's `pnpm start` (on a free port).
  server = startProcess(SERVER_SCRIPT, [], baseEnv({ PORT: "0" }));
  await server.waitForOutput((lines) => lines.some((line) => line.startsWith("Ctrl-C stops")));
});

afterAll(async () => {
  await server?.stop("SIGINT");
});

it("prints a banner whose curl commands create and then delete a meeting", async () => {
  const banner = server.output();
  expect(banner).toMatch(/running on the embedded Zoom simulator/);
  const apiKey = /API key:\s+(\S+)/.exec(banner)?.[1];
  expect(apiKey).toMatch(/^[A-Za-z0-9_-]{24,}$/);

  const [createCommand, deleteCommand] = curlCommands(banner);
  expect(createCommand).toBeDefined();
  expect(deleteCommand).toBeDefined();
  const create = parseCurl(createCommand!);
  expect(create.headers.authorization).toBe(`Bearer ${apiKey}`);

  const created = await replay(create);
  expect(created.status).toBe(201);
  const meeting = (await created.json()) as { id: string; topic: string; joinUrl: string };
  expect(meeting.topic).toBe("Hello from zoomkit");
  expect(meeting.id).toMatch(/^\d+$/);

  // The embedded simulator signs webhook events to this service, which verifies them.
  await server.waitForLog((log) => log.msg === "zoom webhook" && log.event === "meeting.created");

  const remove = parseCurl(deleteCommand!.replace("MEETING_ID", meeting.id));
  expect((await replay(remove)).status).toBe(204);
  const gone = await fetch(`${create.url}/${meeting.id}`, { headers: { authorization: `Bearer ${apiKey}` } });
  expect(gone.status).toBe(404);
});

it("stops cleanly on SIGINT (Ctrl-C)", async () => {
  const code = await server.stop("SIGINT");
  expect(code).toBe(0);
  expect(server.logs.some((log) => log.msg === "stopped")).toBe(true);
});
