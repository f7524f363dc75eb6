import { createHmac } from "node:crypto";
import { afterEach, describe, expect, test } from "vitest";
import { signWebhook, startZoomSimulator, type ZoomSimulator } from "../src/index.js";
import { api, mint, simPost } from "./helpers.js";
import { webhookEndpointPerTest } from "./webhook-endpoint.js";

let sim: ZoomSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});
const endpoint = webhookEndpointPerTest();

const SECRET = "webhook-secret-token";

describe("webhooks", () => {
  test("posts signed meeting.created and meeting.deleted events over the raw body", async () => {
    const hook = await endpoint(() => ({ status: 200 }));
    sim = await startZoomSimulator({ webhook: { url: hook.url, secretToken: SECRET } });
    const token = await mint(sim);
    const created = (await (
      await api(sim, "POST", "/users/me/meetings", { token, body: { topic: "Hooked" } })
    ).json()) as {
      id: number;
    };
    await api(sim, "DELETE", `/meetings/${created.id}`, { token });
    await sim.control.webhooksIdle();
    expect(hook.received.map((r) => JSON.parse(r.raw).event)).toEqual(["meeting.created", "meeting.deleted"]);
    for (const r of hook.received) {
      const ts = r.headers["x-zm-request-timestamp"] as string;
      expect(ts).toMatch(/^\d{10}$/);
      const expected = `v0=${createHmac("sha256", SECRET).update(`v0:${ts}:${r.raw}`).digest("hex")}`;
      expect(r.headers["x-zm-signature"]).toBe(expected);
      expect(signWebhook(SECRET, ts, r.raw)).toBe(expected);
      const event = JSON.parse(r.raw);
      expect(event.payload).toMatchObject({ account_id: "sim-account-1", object: { id: created.id } });
    }
    expect(sim.stats().webhooks).toMatchObject({ delivered: 2, failed: 0 });
  });

  test("posts webinar.created and webinar.deleted like the meeting events", async () => {
    const hook = await endpoint(() => ({ status: 200 }));
    sim = await startZoomSimulator({ webhook: { url: hook.url, secretToken: SECRET } });
    const token = await mint(sim);
    const response = await api(sim, "POST", "/users/me/webinars", {
      token,
      body: { topic: "Hooked webinar" },
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: number };
    await api(sim, "DELETE", `/webinars/${created.id}`, { token });
    await sim.control.webhooksIdle();
    const events = hook.received.map((r) => JSON.parse(r.raw));
    expect(events.map((e) => e.event)).toEqual(["webinar.created", "webinar.deleted"]);
    for (const event of events) {
      expect(event.payload).toMatchObject({
        account_id: "sim-account-1",
        operator: "host@example.com",
        object: { id: created.id, topic: "Hooked webinar", type: 5 },
      });
    }
    expect(events[0].payload.object.join_url).toEqual(expect.any(String));
  });

  test("counts failed deliveries (an endpoint answering 500, an endpoint that is gone)", async () => {
    const hook = await endpoint(() => ({ status: 500 }));
    sim = await startZoomSimulator({ webhook: { url: hook.url, secretToken: SECRET } });
    const token = await mint(sim);
    await api(sim, "POST", "/users/me/meetings", { token, body: {} });
    await sim.control.webhooksIdle();
    sim.control.set({ webhook: { url: "http://127.0.0.1:9/unreachable", secretToken: SECRET } });
    await api(sim, "POST", "/users/me/meetings", { token, body: {} });
    await sim.control.webhooksIdle();
    const { webhooks } = sim.stats();
    expect(webhooks).toMatchObject({ delivered: 0, failed: 2 });
    expect(webhooks.deliveries.map((d) => d.status)).toEqual([500, null]);
  });

  test("sends no events when no target is configured", async () => {
    const hook = await endpoint(() => ({ status: 200 }));
    sim = await startZoomSimulator();
    const token = await mint(sim);
    await api(sim, "POST", "/users/me/meetings", { token, body: {} });
    await sim.control.webhooksIdle();
    expect(hook.received).toHaveLength(0);
  });

  test("url validation passes when the endpoint answers with the right HMAC", async () => {
    const hook = await endpoint((raw) => {
      const plainToken = JSON.parse(raw).payload.plainToken as string;
      const encryptedToken = createHmac("sha256", SECRET).update(plainToken).digest("hex");
      return { status: 200, body: JSON.stringify({ plainToken, encryptedToken }) };
    });
    sim = await startZoomSimulator({ webhook: { url: hook.url, secretToken: SECRET } });
    expect(await sim.control.sendUrlValidation()).toEqual({ ok: true, status: 200 });
    const [request] = hook.received;
    expect(JSON.parse(request!.raw).event).toBe("endpoint.url_validation");
    const overHttp = await simPost(sim, "/webhooks/url-validation");
    expect(await overHttp.json()).toEqual({ ok: true, status: 200 });
    expect(sim.stats().urlValidations).toEqual({ passed: 2, failed: 0 });
  });

  test("url validation fails on a wrong HMAC, a wrong plainToken, a non-200 and no target", async () => {
    const answers = [
      (plainToken: string) => ({ status: 200, body: JSON.stringify({ plainToken, encryptedToken: "00" }) }),
      () => ({ status: 200, body: JSON.stringify({ plainToken: "other", encryptedToken: "00" }) }),
      () => ({ status: 401, body: "" }),
    ];
    let current = 0;
    const hook = await endpoint((raw) => answers[current]!(JSON.parse(raw).payload.plainToken as string));
    sim = await startZoomSimulator({ webhook: { url: hook.url, secretToken: SECRET } });
    const reasons: (string | undefined)[] = [];
    for (current = 0; current < answers.length; current++) {
      const result = await sim.control.sendUrlValidation();
      expect(result.ok).toBe(false);
      reasons.push(result.reason);
    }
    expect(reasons).toEqual([
      "encryptedToken is wrong",
      "plainToken does not match",
      "answered HTTP 401, expected 200",
    ]);
    sim.control.set({ webhook: null });
    expect(await sim.control.sendUrlValidation()).toMatchObject({ ok: false, status: null });
  });
});
