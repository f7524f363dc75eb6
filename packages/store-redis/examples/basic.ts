import { createZoomClient } from "@zoomkit/core";
import { createRedisStore } from "@zoomkit/store-redis";

const store = createRedisStore({
  url: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
  namespace: "my-app",
});
const zoom = createZoomClient({
  accountId: process.env.ZOOM_ACCOUNT_ID!,
  clientId: process.env.ZOOM_CLIENT_ID!,
  clientSecret: process.env.ZOOM_CLIENT_SECRET!,
  store, // every process that uses this Redis shares one token
});
const { data } = await zoom.POST("/users/{userId}/meetings", {
  params: { path: { userId: "me" } },
  body: { topic: "Standup", type: 2 },
});
console.log(data?.id);
await store.close();
