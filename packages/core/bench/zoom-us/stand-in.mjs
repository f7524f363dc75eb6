// A stand-in for https://zoom.us, so a client whose token URL is hard-coded reaches a local token
// endpoint without any change to its code. @zoom/rivet 0.4.0 posts its S2S token request through axios to
// the constant `https://zoom.us/oauth/token` (only its API base URL is an option). axios honours
// HTTPS_PROXY: it sends `CONNECT zoom.us:443` to the proxy and speaks TLS to zoom.us through the tunnel.
// This module is that proxy: it accepts the CONNECT for zoom.us:443 only, terminates TLS with a
// certificate for zoom.us made on the spot (trusted by the client process through NODE_EXTRA_CA_CERTS,
// read at its start), and forwards `POST /oauth/token` to the local token endpoint (the simulator's).
// Loopback only; nothing leaves the machine.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A self-signed certificate for zoom.us (one day, P-256) made with the `openssl` command, in a fresh
 * temporary folder. The client process trusts it through `NODE_EXTRA_CA_CERTS=<certPath>`.
 *
 * @returns {{ certPath: string, keyPath: string, remove: () => void }}
 */
export function makeZoomUsCertificate() {
  const dir = mkdtempSync(join(tmpdir(), "zoomkit-bench-zoom-us-"));
  const certPath = join(dir, "zoom-us.pem");
  const keyPath = join(dir, "zoom-us-key.pem");
  const openssl = spawnSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"],
      ...["-days", "1", "-subj", "/CN=zoom.us", "-addext", "subjectAltName=DNS:zoom.us"],
      ...["-keyout", keyPath, "-out", certPath],
    ],
    { encoding: "utf8" },
  );
  if (openssl.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`openssl could not make the zoom.us certificate: ${openssl.error ?? openssl.stderr}`);
  }
  return { certPath, keyPath, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Starts the proxy on 127.0.0.1 (a free port). `oauthUrl` is the local token endpoint the stand-in's
 * `POST /oauth/token` goes to. Set `HTTPS_PROXY` to the returned `proxyUrl` in the client's process.
 *
 * @param {{ certPath: string, keyPath: string, oauthUrl: string }} options
 * @returns {Promise<{ proxyUrl: string, tokenRequests: () => number, close: () => Promise<void> }>}
 */
export async function startZoomUsStandIn({ certPath, keyPath, oauthUrl }) {
  let tokenRequests = 0;
  const zoomUs = createHttpsServer(
    { cert: readFileSync(certPath), key: readFileSync(keyPath) },
    async (req, res) => {
      const { pathname, search } = new URL(req.url ?? "/", "https://zoom.us");
      if (req.method !== "POST" || pathname !== "/oauth/token") {
        req.resume();
        res.writeHead(404).end();
        return;
      }
      tokenRequests += 1;
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const answer = await fetch(`${oauthUrl}${search}`, {
        method: "POST",
        headers: {
          authorization: req.headers.authorization ?? "",
          "content-type": req.headers["content-type"] ?? "application/x-www-form-urlencoded",
        },
        body: Buffer.concat(chunks),
      });
      const body = Buffer.from(await answer.arrayBuffer());
      res.writeHead(answer.status, {
        "content-type": answer.headers.get("content-type") ?? "application/json",
        "content-length": body.length,
      });
      res.end(body);
    },
  );
  const proxy = createHttpServer((req, res) => {
    req.resume();
    res.writeHead(405).end();
  });
  proxy.on("connect", (req, socket, head) => {
    if (req.url !== "zoom.us:443") {
      socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
      return;
    }
    socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
    if (head.length > 0) socket.unshift(head);
    zoomUs.emit("connection", socket);
  });
  await new Promise((resolve, reject) => {
    proxy.once("error", reject);
    proxy.listen(0, "127.0.0.1", resolve);
  });
  return {
    proxyUrl: `http://127.0.0.1:${proxy.address().port}`,
    tokenRequests: () => tokenRequests,
    close: async () => {
      proxy.closeAllConnections();
      zoomUs.closeAllConnections();
      await new Promise((resolve) => proxy.close(() => resolve()));
    },
  };
}
