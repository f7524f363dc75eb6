// The README's recipe for any of Zoom's descriptions, type-checked by `pnpm typecheck`. In your project,
// import from "@zoomkit/core", and `./zoom.js` is the file `zoomkit-generate` wrote.

import createClient from "openapi-fetch";
import { createPipelineFetch, createZoomClient } from "../src/index.js";
import type { paths } from "./zoom.js";

const { tokens } = createZoomClient({
  accountId: process.env.ZOOM_ACCOUNT_ID!,
  clientId: process.env.ZOOM_CLIENT_ID!,
  clientSecret: process.env.ZOOM_CLIENT_SECRET!,
});
const zoom = createClient<paths>({
  baseUrl: "https://api.zoom.us/v2",
  fetch: createPipelineFetch({ fetch: globalThis.fetch, tokens }),
});
const { data } = await zoom.GET("/report/meetings/{meetingId}/participants", {
  params: { path: { meetingId: "4444AAAiAAAAAiAiAiiAii==" } },
});
console.log(data?.participants?.length);
