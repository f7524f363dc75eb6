import KeyvRedis from "@keyv/redis";
import { createZoomClient } from "@zoomkit/core";
import { createKeyvStore } from "@zoomkit/store-keyv";
import { Keyv } from "keyv";

// Any Keyv adapter works the same way: @keyv/sqlite, @keyv/mongo, @keyv/postgres...
const keyv = new Keyv(new KeyvRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379"), {
  namespace: "zoom",
});
const store = createKeyvStore(keyv, { timeoutMs: 2000 });
const zoom = createZoomClient({
  accountId: process.env.ZOOM_ACCOUNT_ID!,
  clientId: process.env.ZOOM_CLIENT_ID!,
  clientSecret: process.env.ZOOM_CLIENT_SECRET!,
  store,
});
const { data } = await zoom.GET("/meetings/{meetingId}", { params: { path: { meetingId: 85746065432 } } });
console.log(data?.topic);
await store.close();
await keyv.disconnect();
