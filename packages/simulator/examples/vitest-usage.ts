// The README's example, type-checked by `pnpm typecheck`. In your project, import from "@zoomkit/simulator".
import { afterAll, beforeAll, expect, test } from "vitest";
import { DEFAULT_APP, startZoomSimulator, type ZoomSimulator } from "../src/index.js";

let zoom: ZoomSimulator;
beforeAll(async () => {
  zoom = await startZoomSimulator({ tokenTtlSeconds: 2, tokenModel: "invalidate-previous" });
});
afterAll(() => zoom.close());

test("creates a meeting, and reports a deactivated app", async () => {
  const config = { ...DEFAULT_APP, oauthUrl: zoom.oauthUrl, baseUrl: zoom.baseUrl };
  expect((await createMeeting(config)).status).toBe(201);
  zoom.control.deactivateApp();
  expect((await createMeeting(config)).status).toBe(401);
  expect(zoom.stats().unauthorized.deactivated).toBe(1);
});

// Stand-in for the code under test; yours would use @zoomkit/core's createZoomClient with the same config.
async function createMeeting(config: typeof DEFAULT_APP & { oauthUrl: string; baseUrl: string }) {
  const basic = Buffer.from(`${config.clientId}:${config.clientSecret}`).toString("base64");
  const minted = await fetch(config.oauthUrl, {
    method: "POST",
    headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "account_credentials", account_id: config.accountId }),
  });
  const { access_token } = (await minted.json()) as { access_token: string };
  return fetch(`${config.baseUrl}/users/me/meetings`, {
    method: "POST",
    headers: { authorization: `Bearer ${access_token}`, "content-type": "application/json" },
    body: JSON.stringify({ topic: "Standup" }),
  });
}
