/**
 * What the simulator assumes and Zoom has not confirmed (packages/simulator/README.md, FACTS.md), checked
 * against a real account: do tokens coexist, which HTTP status carries 4711, what form `api_url` has.
 * Each finding is printed (and fails the run when Zoom answers something no model covers), so the
 * simulator can be corrected. Run with `pnpm test:live` and a test account's credentials only.
 */
import { type AccessToken, mintToken, zoomOperations } from "@zoomkit/core";
import { afterAll, describe, expect, it } from "vitest";

const credentials = {
  accountId: process.env.ZOOM_ACCOUNT_ID ?? "",
  clientId: process.env.ZOOM_CLIENT_ID ?? "",
  clientSecret: process.env.ZOOM_CLIENT_SECRET ?? "",
};
const oauthUrl = process.env.ZOOM_OAUTH_URL ?? "https://zoom.us/oauth/token";
const apiBase = (process.env.ZOOM_API_URL ?? "https://api.zoom.us/v2").replace(/\/$/, "");
const findings: string[] = [];

function mint(): Promise<AccessToken> {
  return mintToken({ credentials, oauthUrl, fetch });
}

async function call(token: AccessToken, path: string): Promise<{ status: number; code?: number }> {
  const response = await fetch(`${apiBase}${path}`, { headers: { authorization: `Bearer ${token.value}` } });
  const body = (await response.json().catch(() => ({}))) as { code?: number };
  return { status: response.status, ...(typeof body.code === "number" ? { code: body.code } : {}) };
}

afterAll(() => {
  // Not checkable from here: deactivating an app needs the Marketplace.
  findings.push(
    "not checked (needs the Marketplace): do tokens minted before a deactivation work again after the reactivation? " +
      "Mint one, deactivate and reactivate the app, call GET /users with it: 200 means the simulator's default " +
      "(revokeOnDeactivate false) is right, 401/124 means set revokeOnDeactivate",
  );
  process.stdout.write(
    `\nWhat Zoom answered (compare with packages/simulator/README.md):\n- ${findings.join("\n- ")}\n`,
  );
});

describe("Zoom's behaviour the simulator assumes", () => {
  it("api_url: an https origin (the simulator sends its own URL, without a path)", async () => {
    const token = await mint();
    expect(token.apiUrl, "the token reply names api_url").toBeDefined();
    const url = new URL(token.apiUrl!);
    expect(url.protocol).toBe("https:");
    findings.push(
      `api_url = ${token.apiUrl} (path ${url.pathname === "/" || url.pathname === "" ? "none" : url.pathname})`,
    );
  });

  it('tokens coexist: an older token still works after a newer one was minted (simulator default "multi")', async () => {
    const older = await mint();
    await mint();
    const answer = await call(older, "/users?page_size=1");
    // 200: tokens coexist (tokenModel "multi"); 401 + 124: each mint revokes the older ones ("invalidate-previous").
    expect([200, 401]).toContain(answer.status);
    if (answer.status === 401) expect(answer.code).toBe(124);
    findings.push(
      answer.status === 200
        ? 'tokens coexist: the older token still works (simulator tokenModel "multi" is right)'
        : 'each mint revoked the older token (401/124): set the simulator\'s tokenModel to "invalidate-previous"',
    );
  });

  it("4711: the HTTP status that carries a missing scope (the simulator's scopeErrorStatus, 401 by default)", async () => {
    const token = await mint();
    const held = new Set(token.scopes);
    // A GET without path parameters whose every scope the app lacks: it can only be refused for scopes.
    const lacking = zoomOperations.find(
      (op) =>
        op.method === "GET" &&
        !op.path.includes("{") &&
        ![...op.scopes.classic, ...(op.scopes.granular ?? [])].some((scope) => held.has(scope)),
    );
    if (!lacking) {
      findings.push("4711: not provoked (the app holds a scope of every parameterless GET)");
      return;
    }
    const answer = await call(token, lacking.path);
    findings.push(
      `4711: ${lacking.operationId} without its scope answered HTTP ${answer.status}, code ${answer.code ?? "none"}`,
    );
    expect([400, 401, 403]).toContain(answer.status);
    expect([4711, 4700, 124]).toContain(answer.code);
  });
});
