// The README's example, type-checked by `pnpm typecheck`. In your project, import from "@zoomkit/core".
import { createZoomClient } from "../src/index.js";

const zoom = createZoomClient({
  accountId: process.env.ZOOM_ACCOUNT_ID ?? "",
  clientId: process.env.ZOOM_CLIENT_ID ?? "",
  clientSecret: process.env.ZOOM_CLIENT_SECRET ?? "",
});
const { data, error } = await zoom.POST("/users/{userId}/meetings", {
  params: { path: { userId: "host@example.com" } },
  body: { topic: "Standup", type: 2, duration: 15, settings: { waiting_room: true } },
});
if (error) throw new Error(`Zoom refused the meeting (code ${error.code}): ${error.message}`);
console.log(`meeting ${data.id}: ${data.join_url}`);
if (data.id !== undefined)
  await zoom.DELETE("/meetings/{meetingId}", { params: { path: { meetingId: data.id } } });
