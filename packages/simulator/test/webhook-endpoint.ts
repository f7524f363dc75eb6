/** A webhook endpoint on port 0 for tests: records each request and answers as told; closed after each test. */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";

export interface Received {
  headers: IncomingMessage["headers"];
  raw: string;
}

export interface WebhookEndpoint {
  url: string;
  received: Received[];
  /** The parsed bodies received so far. */
  events(): { event: string; payload: Record<string, unknown>; [field: string]: unknown }[];
}

type Answer = (raw: string) => { status: number; body?: string };

/** `const endpoint = webhookEndpointPerTest();` at the top of a file, then `await endpoint(answer)` in a test. */
export function webhookEndpointPerTest(): (answer?: Answer) => Promise<WebhookEndpoint> {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });
  return async (answer = () => ({ status: 200 })) => {
    const received: Received[] = [];
    const server = createServer((req, res) => {
      let raw = "";
      req.on("data", (d: Buffer) => {
        raw += d.toString();
      });
      req.on("end", () => {
        received.push({ headers: req.headers, raw });
        const { status, body } = answer(raw);
        res.writeHead(status, { "content-type": "application/json" }).end(body ?? "");
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/zoom`,
      received,
      events: () => received.map((r) => JSON.parse(r.raw)),
    };
  };
}
