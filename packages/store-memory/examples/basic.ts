// The README's example, type-checked by `pnpm typecheck`.
import { createZoomClient } from "@zoomkit/core";
import { createMemoryStore } from "../src/index.js";

const zoom = createZoomClient({
  accountId: process.env.ZOOM_ACCOUNT_ID!,
  clientId: process.env.ZOOM_CLIENT_ID!,
  clientSecret: process.env.ZOOM_CLIENT_SECRET!,
  store: createMemoryStore(), // the same as giving no store at all
});
const { data } = await zoom.GET("/users/{userId}", { params: { path: { userId: "me" } } });
console.log(data?.email);
