// The README's example, type-checked by `pnpm typecheck`. In your project, import from "@zoomkit/core".
import { createZoomClient } from "../src/index.js";

const zoom = createZoomClient({
  accountId: process.env.ZOOM_ACCOUNT_ID ?? "",
  clientId: process.env.ZOOM_CLIENT_ID ?? "",
  clientSecret: process.env.ZOOM_CLIENT_SECRET ?? "",
  baseUrl: "auto", // the account's API host, from the token reply's api_url
  // Tests against a local simulator (whose token replies name its own address) allow it explicitly:
  ...(process.env.ZOOM_SIMULATOR_ORIGIN ? { apiUrlAllowList: [process.env.ZOOM_SIMULATOR_ORIGIN] } : {}),
});
const { data } = await zoom.GET("/users/{userId}", { params: { path: { userId: "host@example.com" } } });
console.log(data?.email);
