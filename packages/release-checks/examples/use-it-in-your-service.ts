import { createZoomClient } from "@zoomkit/core";
import { createStoreFromUrl } from "@zoomkit/store-url";

const zoom = createZoomClient({
  accountId: process.env.ZOOM_ACCOUNT_ID!,
  clientId: process.env.ZOOM_CLIENT_ID!,
  clientSecret: process.env.ZOOM_CLIENT_SECRET!,
  // One token for every process that shares the store: memory, redis://... or postgres://...
  store: await createStoreFromUrl(process.env.ZOOMKIT_STORE ?? "memory"),
});
const { data, error } = await zoom.POST("/users/{userId}/meetings", {
  params: { path: { userId: "me" } },
  body: { topic: "Standup", type: 2, duration: 15 },
});
if (error) throw new Error(`Zoom refused the meeting (code ${error.code}): ${error.message}`);
console.log(data.join_url);
