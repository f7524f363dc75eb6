/**
 * Deformed success answers from the token endpoint, for the validation tests of a client: a 200 that is
 * an HTML page, a 200 whose JSON is cut off, JSON without `access_token`, an `expires_in` that is missing
 * or not a positive finite number (`1e400` parses to Infinity), and a body far over any sane size. A
 * proxy or a bad deploy can answer any of these; a client must refuse them all and store nothing.
 */
import { z } from "zod";

export const TOKEN_REPLY_KINDS = ["html", "not-json", "no-access-token", "expires-in", "oversized"] as const;

/** Size of an `oversized` answer: far over any cap a client would set on a token answer. */
export const OVERSIZED_BYTES = 1024 * 1024;

const jsonText = z
  .string()
  .refine(isJsonText, 'Must be JSON text, such as 0, -1, 1.5, 1e400, null or "3600"');

export const tokenReplySchema = z.strictObject({
  /** How successful answers are deformed. */
  kind: z.enum(TOKEN_REPLY_KINDS),
  /** For `expires-in`: the JSON text written as `expires_in` (`"0"`, `"1e400"`, `"null"`, `"\"3600\""`); absent, the field is left out. */
  expiresIn: jsonText.optional(),
  /** Deform only the next N successful answers, then answer normally (counts down). @default every answer until switched off */
  next: z.number().int().positive().optional(),
});

/** How successful token answers are deformed (`tokenReply` switch). */
export type TokenReply = z.output<typeof tokenReplySchema>;

/** A well-formed token answer, as Zoom sends it. */
export interface TokenBody {
  access_token: string;
  token_type: "bearer";
  expires_in: number;
  scope: string;
  api_url: string;
}

/** Whether a deformed answer still carries a token; only then does the simulator mint one. */
export function carriesToken(reply: TokenReply): boolean {
  return reply.kind === "expires-in" || reply.kind === "oversized";
}

/** Takes one use of the switch: the deformation for this answer, counting `next` down (clearing at 0). */
export function takeTokenReply(switches: { tokenReply: TokenReply | null }): TokenReply | null {
  const reply = switches.tokenReply;
  if (!reply) return null;
  if (reply.next !== undefined) {
    reply.next -= 1;
    if (reply.next <= 0) switches.tokenReply = null;
  }
  return reply;
}

/** The deformed answer, status 200 in every case. */
export function deformedReply(reply: TokenReply, body: TokenBody): Response {
  const json = { "content-type": "application/json;charset=UTF-8", "cache-control": "no-store" };
  switch (reply.kind) {
    case "html":
      return new Response(
        "<!DOCTYPE html><html><head><title>Zoom</title></head><body>Loading…</body></html>",
        {
          status: 200,
          headers: { "content-type": "text/html; charset=utf-8" },
        },
      );
    case "not-json":
      return new Response('{"access_token":"eyJzdiI6IjAwMDAwMSIsImFsZyI6IkhTNTEyIiwidi', {
        status: 200,
        headers: json,
      });
    case "no-access-token": {
      const { access_token: _dropped, ...rest } = body;
      return new Response(JSON.stringify(rest), { status: 200, headers: json });
    }
    case "expires-in": {
      const { expires_in: _replaced, ...rest } = body;
      const fields = Object.entries(rest).map(
        ([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`,
      );
      if (reply.expiresIn !== undefined) fields.splice(2, 0, `"expires_in":${reply.expiresIn}`);
      return new Response(`{${fields.join(",")}}`, { status: 200, headers: json });
    }
    case "oversized":
      return new Response(JSON.stringify({ ...body, padding: "x".repeat(OVERSIZED_BYTES) }), {
        status: 200,
        headers: json,
      });
  }
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
