/** A fake token endpoint for the provider cases: injected as `fetch`, it counts mints. */
import { randomBytes } from "node:crypto";

export const FAKE_OAUTH_URL = "https://zoom.invalid/oauth/token";

export function fakeTokenEndpoint(expiresInSeconds: number) {
  let mints = 0;
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new Request(input, init).url;
    if (!url.startsWith(FAKE_OAUTH_URL)) return new Response("not found", { status: 404 });
    // A token request takes a moment, as a real one does; it widens the window races happen in.
    await new Promise((resolve) => setTimeout(resolve, 5));
    mints += 1;
    return Response.json({
      access_token: `suite-${mints}-${randomBytes(16).toString("hex")}`,
      token_type: "bearer",
      expires_in: expiresInSeconds,
      scope: "meeting:write:admin",
    });
  };
  return { fetch, mints: () => mints };
}
