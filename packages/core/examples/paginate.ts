// The README's example, type-checked by `pnpm typecheck`. In your project, import from "@zoomkit/core".
import { createZoomClient, paginate } from "../src/index.js";

const zoom = createZoomClient({
  accountId: process.env.ZOOM_ACCOUNT_ID ?? "",
  clientId: process.env.ZOOM_CLIENT_ID ?? "",
  clientSecret: process.env.ZOOM_CLIENT_SECRET ?? "",
});
const meetings = paginate(
  zoom,
  "/users/{userId}/meetings",
  { params: { path: { userId: "host@example.com" }, query: { type: "scheduled", page_size: 300 } } },
  { key: (meeting) => meeting.id }, // optional: after a restart, skip meetings already yielded
);
for await (const meeting of meetings) console.log(meeting.id, meeting.topic, meeting.start_time);
