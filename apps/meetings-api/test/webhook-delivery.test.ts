/**
 * Webhooks at least once and never twice, over real HTTP and real stores: two replicas of the app
 * (`createApp`, each served on its own port) share Redis, then Postgres. Zoom's retry of an event (same
 * body, new timestamp and signature) is acknowledged without running the handler again, on either
 * replica; a handler that throws or rejects is answered 500 (so Zoom delivers again), logged, and never
 * an unhandled rejection; the next delivery then runs it.
 */
import { createHmac, randomBytes } from "node:crypto";
import { openStore } from "@zoomkit/app-support";
import type { TokenStore } from "@zoomkit/core";
import type { ZoomSimulator } from "@zoomkit/simulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WebhookEvent } from "../src/routes/webhooks.js";
import { type ServedApp, serveApp } from "./support/in-process.js";
import { errorLines } from "./support/matrix.js";
import { namespace as freshNamespace, SHARED_STORES } from "./support/stores.js";
import { randomKey, startSimulator } from "./support/zoom.js";

const SECRET = randomKey();

let sim: ZoomSimulator;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  sim = await startSimulator();
  process.on("unhandledRejection", onUnhandled);
});

afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  await sim?.close();
});

/** Delivers `body` as Zoom does, signed now: each call is a new delivery (new timestamp and signature). */
async function deliver(replica: ServedApp, body: string): Promise<{ status: number; json: unknown }> {
  const timestamp = String(Math.floor(Date.now() / 1000) - Math.floor(Math.random() * 60));
  const signature = `v0=${createHmac("sha256", SECRET).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  const answer = await fetch(`${replica.url}/webhooks/zoom`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-zm-request-timestamp": timestamp,
      "x-zm-signature": signature,
    },
    body,
  });
  return { status: answer.status, json: await answer.json() };
}

const newEvent = (name = "meeting.ended") =>
  JSON.stringify({
    event: name,
    event_ts: Date.now(),
    payload: { account_id: "acc", object: { id: Number.parseInt(randomBytes(4).toString("hex"), 16) } },
  });

describe.each(SHARED_STORES)("webhook deliveries through $name", ({ kind, url, drop }) => {
  const namespace = freshNamespace(`hooks_${kind}`);
  const handled: string[] = [];
  let failNext: "throw" | "reject" | undefined;
  const handler = (event: WebhookEvent) => {
    const id = String((event.payload as { object: { id: number } }).object.id);
    if (failNext === "throw") {
      failNext = undefined;
      throw new Error(`handler failed for ${id}`);
    }
    if (failNext === "reject") {
      failNext = undefined;
      return Promise.reject(new Error(`handler rejected ${id}`));
    }
    handled.push(id);
    return undefined;
  };
  let stores: TokenStore[] = [];
  let replicas: ServedApp[] = [];

  beforeAll(async () => {
    stores = await Promise.all([0, 1].map(() => openStore({ kind, url, namespace })));
    replicas = await Promise.all(
      stores.map((store) => serveApp(sim, store, { webhookSecretTokens: [SECRET], onWebhookEvent: handler })),
    );
  });

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    await Promise.all(stores.map((store) => store.close()));
    await drop(namespace);
  });

  afterEach(() => {
    expect(unhandled).toEqual([]);
  });

  it("runs the handler once for an event delivered again, to either replica", async () => {
    const body = newEvent();
    const [first, second] = replicas as [ServedApp, ServedApp];
    expect(await deliver(first, body)).toEqual({ status: 200, json: { received: true } });
    const before = handled.length;
    for (const replica of [second, first, second]) {
      expect(await deliver(replica, body)).toEqual({
        status: 200,
        json: { received: true, duplicate: true },
      });
    }
    expect(handled.length).toBe(before);
    expect(handled.filter((id) => body.includes(id))).toHaveLength(1);
  });

  it("runs the handler once when both replicas get the event at the same time", async () => {
    const body = newEvent("meeting.started");
    const answers = await Promise.all(replicas.map((replica) => deliver(replica, body)));
    const statuses = answers.map((answer) => answer.status).sort();
    // One handles it; the other answers 200 (already handled) or 503 (still being handled: Zoom retries).
    expect(statuses[0]).toBe(200);
    expect([200, 503]).toContain(statuses[1]);
    expect(handled.filter((id) => body.includes(id))).toHaveLength(1);
  });

  for (const failure of ["throw", "reject"] as const) {
    it(`answers 500 when the handler ${failure}s, logs it, and runs it on the next delivery`, async () => {
      const body = newEvent();
      const [first, second] = replicas as [ServedApp, ServedApp];
      failNext = failure;
      const failed = await deliver(first, body);
      expect(failed).toEqual({ status: 500, json: expect.objectContaining({ error: "handler_failed" }) });
      const logged = errorLines(first.logs).at(-1);
      expect(logged).toMatchObject({ msg: expect.stringMatching(/handler failed/), event: "meeting.ended" });
      expect(await deliver(second, body)).toEqual({ status: 200, json: { received: true } });
      expect(handled.filter((id) => body.includes(id))).toHaveLength(1);
    });
  }
});
