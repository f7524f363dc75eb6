/**
 * A webhook endpoint on port 0 that verifies every delivery with core's `verifyZoomWebhook` (a delivery
 * that fails verification is answered 401 and not recorded) and answers URL validation; closed after
 * each test.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";
import {
  answerUrlValidation,
  verifyZoomWebhook,
  ZoomWebhookError,
  type ZoomWebhookEvent,
} from "../../src/webhooks/index.js";

export interface VerifyingEndpoint {
  url: string;
  /** The verified events, in arrival order. */
  events: ZoomWebhookEvent[];
  /** Deliveries refused by verification. */
  refused: ZoomWebhookError[];
}

/** `const endpoint = verifyingEndpointPerTest(secret);` at the top of a file, then `await endpoint()`. */
export function verifyingEndpointPerTest(secretToken: string): () => Promise<VerifyingEndpoint> {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });
  return async () => {
    const events: ZoomWebhookEvent[] = [];
    const refused: ZoomWebhookError[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers))
          if (typeof value === "string") headers.set(name, value);
        let event: ZoomWebhookEvent;
        try {
          event = verifyZoomWebhook({ secretToken, rawBody: new Uint8Array(Buffer.concat(chunks)), headers });
        } catch (error) {
          if (!(error instanceof ZoomWebhookError)) throw error;
          refused.push(error);
          res.writeHead(401).end();
          return;
        }
        events.push(event);
        const answer =
          event.event === "endpoint.url_validation" ? answerUrlValidation(event, secretToken) : { ok: true };
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/zoom`, events, refused };
  };
}
