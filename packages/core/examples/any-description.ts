// The README's recipe for any of Zoom's descriptions, type-checked by `pnpm typecheck`. In your project,
// import from "@zoomkit/core", and `./zoom.js` is the file `zoomkit-generate` wrote.

import { createZoomClient } from "../src/index.js";
import type { paths } from "./zoom.js";

const zoom = createZoomClient({
  accountId: process.env.ZOOM_ACCOUNT_ID!,
  clientId: process.env.ZOOM_CLIENT_ID!,
  clientSecret: process.env.ZOOM_CLIENT_SECRET!,
  timeoutMs: 10_000, // hooks, retries, rate limits, base URL: given once, for every description
});
const meetings = zoom.withPaths<paths>(); // the same client, tokens and pipeline, typed by ./zoom.js
const { data } = await meetings.GET("/report/meetings/{meetingId}/participants", {
  params: { path: { meetingId: "4444AAAiAAAAAiAiAiiAii==" } },
});
console.log(data?.participants?.length);
