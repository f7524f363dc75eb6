/**
 * Requests exactly as written, over node:http: `fetch` would normalise dot segments, refuse some
 * headers and always send a whole body, and a matrix of bad input needs all of those as they are.
 */
import { request } from "node:http";

/** A request as it goes on the wire. */
export interface RawRequest {
  method: string;
  /** Sent as is (no normalisation of `.`, `..` or `%2e`). */
  path: string;
  headers?: Record<string, string | string[]>;
  /** A body with a Content-Length. */
  body?: string | Buffer;
  /** A body sent chunked (Transfer-Encoding: chunked, no Content-Length), one write per chunk. */
  chunks?: Buffer[];
}

/** What came back. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends `raw` to `baseUrl`; resolves with the answer even when the server closes before the body is sent. */
export function rawRequest(baseUrl: string, raw: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request({
      host: url.hostname,
      port: url.port,
      method: raw.method,
      path: raw.path,
      // A connection per request: one left mid-body by an earlier input (a declared 100 MB) is never reused.
      agent: false,
      headers: {
        ...(raw.body !== undefined ? { "content-length": String(Buffer.byteLength(raw.body)) } : {}),
        ...raw.headers,
      },
    });
    req.on("response", (response) => {
      answered = true;
      const parts: Buffer[] = [];
      response.on("data", (chunk: Buffer) => parts.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(parts).toString(),
        }),
      );
      response.on("error", reject);
    });
    // A server that answers 413 may close the connection while the rest of the body is still going out.
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    if (raw.chunks) void writeChunks(raw.chunks);
    else req.end(raw.body);

    // One chunk at a time, a moment apart, and none once the server has answered, as curl does with an
    // upload: a server that answered 413 closes the connection, and a client still sending then gets a
    // reset that can discard the answer it had not read yet.
    async function writeChunks(chunks: Buffer[]): Promise<void> {
      for (const chunk of chunks) {
        if (answered || req.destroyed) return;
        await new Promise<void>((done) => req.write(chunk, () => setTimeout(done, 2)));
      }
      if (!answered && !req.destroyed) req.end();
    }
  });
}
