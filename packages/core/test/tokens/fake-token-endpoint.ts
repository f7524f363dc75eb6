/**
 * A fake Zoom token endpoint, injected as `fetch` (a boundary we do not own). It records every mint and
 * can answer wrong credentials, fail, or stall, for unit tests of the token engine.
 */
import { randomBytes } from "node:crypto";

export interface FakeEndpointOptions {
  /** `expires_in` of minted tokens, in seconds. @default 3600 */
  expiresIn?: number;
  /** The secret the endpoint accepts. @default "the-secret" */
  secret?: string | (() => string);
  /** Runs before each answer, with the 1-based request number (advance a fake clock, stall, ...). */
  beforeAnswer?: (request: number) => Promise<void> | void;
}

export const OAUTH_URL = "https://zoom.test/oauth/token";

export function fakeTokenEndpoint(options: FakeEndpointOptions = {}) {
  const minted: string[] = [];
  const secrets: string[] = [];
  let requests = 0;
  let failWith: { status: number; body: unknown } | undefined;
  let answer: (() => Response) | undefined;
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    if (!request.url.startsWith(OAUTH_URL)) return new Response("not found", { status: 404 });
    const basic = request.headers.get("authorization")?.replace(/^Basic /, "") ?? "";
    const [, secret = ""] = Buffer.from(basic, "base64").toString().split(":");
    secrets.push(secret);
    requests += 1;
    await options.beforeAnswer?.(requests);
    if (answer) return answer();
    if (failWith) return Response.json(failWith.body, { status: failWith.status });
    const expected =
      typeof options.secret === "function" ? options.secret() : (options.secret ?? "the-secret");
    if (secret !== expected) {
      return Response.json(
        { reason: "Invalid client_id or client_secret", error: "invalid_client" },
        { status: 400 },
      );
    }
    const token = `tok-${minted.length + 1}-${randomBytes(12).toString("hex")}`;
    minted.push(token);
    return Response.json({
      access_token: token,
      token_type: "bearer",
      expires_in: options.expiresIn ?? 3600,
      scope: "meeting:write:admin user:read:admin",
      api_url: "https://api.zoom.test",
    });
  };
  return {
    fetch,
    minted,
    /** Every secret the endpoint was sent (to assert nothing else leaks it). */
    secrets,
    mints: () => minted.length,
    requests: () => requests,
    fail(status: number, body: unknown) {
      failWith = { status, body };
    },
    /** Answers every request with `make()` (a raw reply: HTML, a broken body, ...) until `recover()`. */
    answerWith(make: () => Response) {
      answer = make;
    },
    recover() {
      failWith = undefined;
      answer = undefined;
    },
  };
}

/** A controllable clock for tests. */
export function fakeClock(start = 1_700_000_000_000) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}
