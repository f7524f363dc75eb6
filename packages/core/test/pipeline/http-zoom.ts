/**
 * A scripted Zoom API on a real local HTTP server, for what only the platform's fetch does: the
 * pipeline hands it the caller's request with the attempt's signal beside it, so only a real network
 * send shows what went out and when an attempt was cut off.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What one attempt sent, and whether the client gave up on it before the answer. */
export interface ReceivedRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  retryHeader: string | undefined;
  body: string;
  /** True once the client closed the connection without waiting for the answer. */
  abandoned: boolean;
}

/** An answer: status, JSON body and headers, optionally late; or no answer at all. */
export type HttpReply =
  | { status: number; json?: unknown; headers?: Record<string, string>; delayMs?: number }
  | "hang";

/** Starts a server answering the n-th request with the n-th reply (the last one repeats). */
export async function httpZoom(...replies: HttpReply[]) {
  const received: ReceivedRequest[] = [];
  const open = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => {
      const entry: ReceivedRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        authorization: req.headers.authorization,
        retryHeader: req.headers["x-zoomkit-retry"] as string | undefined,
        body,
        abandoned: false,
      };
      received.push(entry);
      open.add(res);
      res.on("close", () => {
        open.delete(res);
        if (!res.writableFinished) entry.abandoned = true;
      });
      const reply = replies[Math.min(received.length, replies.length) - 1];
      if (reply === undefined || reply === "hang") return;
      const answer = () => {
        const text = reply.json === undefined ? "" : JSON.stringify(reply.json);
        res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
        res.end(text);
      };
      if (reply.delayMs) setTimeout(answer, reply.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v2`,
    received,
    /** Resolves once `count` requests were received and each of them has ended one way or another. */
    async settled(count: number): Promise<void> {
      while (received.length < count || open.size > 0) await new Promise((r) => setTimeout(r, 10));
    },
    close(): Promise<void> {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
