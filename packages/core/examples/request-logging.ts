// The README's request logging example, type-checked by `pnpm typecheck`. In your project, import from
// "@zoomkit/core".
import pino from "pino";
import { createZoomClient } from "../src/index.js";

const log = pino();
const zoom = createZoomClient({
  accountId: process.env.ZOOM_ACCOUNT_ID ?? "",
  clientId: process.env.ZOOM_CLIENT_ID ?? "",
  clientSecret: process.env.ZOOM_CLIENT_SECRET ?? "",
  hooks: {
    // { method, path, template, operationId, attempt }: no query string, token or e-mail address
    request: (e) => log.debug(e, "zoom request"),
    // ...plus { status } or { error }, durationMs and trackingId (Zoom's x-zm-trackingid, for its support)
    response: (e) => log.info(e, "zoom response"),
    retry: (e) => log.warn(e, "zoom request retried"),
  },
});
await zoom.GET("/users/{userId}", { params: { path: { userId: "me" } } });
