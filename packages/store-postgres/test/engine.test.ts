import { createTokenProvider } from "@zoomkit/core";
import { describe, expect, it } from "vitest";
import { useTestSchema } from "./helpers.js";

const db = useTestSchema();

/** A token endpoint at the boundary we do not own: counts mints, answers after a short delay. */
function tokenEndpoint() {
  let mints = 0;
  const fetch: typeof globalThis.fetch = async () => {
    mints += 1;
    await new Promise((r) => setTimeout(r, 50));
    const body = {
      access_token: `token-${mints}`,
      token_type: "bearer",
      expires_in: 3600,
      scope: "meeting:write",
    };
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  };
  return { fetch, mints: () => mints };
}

describe("with the token engine", () => {
  it("mints once for 4 providers x 16 concurrent callers on a cold store", async () => {
    const endpoint = tokenEndpoint();
    const keyPrefix = `zoomkit-${Math.random().toString(36).slice(2)}:`;
    // The table exists already (as after the first deploy) and a loaded CI box gets room: this test is
    // about minting once, not about how fast the first migration runs.
    await db.store().migrate();
    const providers = Array.from({ length: 4 }, () =>
      createTokenProvider({
        accountId: "acct",
        clientId: "client",
        clientSecret: "secret",
        store: db.store(),
        fetch: endpoint.fetch,
        oauthUrl: "http://zoom.invalid/oauth/token",
        keyPrefix,
        storeTimeoutMs: 5_000,
      }),
    );
    const tokens = await Promise.all(
      providers.flatMap((p) => Array.from({ length: 16 }, () => p.getToken())),
    );
    expect(endpoint.mints()).toBe(1);
    expect(new Set(tokens.map((t) => t.value))).toEqual(new Set(["token-1"]));
  });
});
