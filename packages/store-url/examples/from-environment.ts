import { createZoomClient } from "@zoomkit/core";
import { createStoreFromUrl, describeStoreUrl } from "@zoomkit/store-url";

// ZOOMKIT_STORE: memory, redis://..., rediss://..., postgres://... or postgresql://...
const storeUrl = process.env.ZOOMKIT_STORE ?? "memory";
const store = await createStoreFromUrl(storeUrl, { namespace: "billing" });
console.log(`token store: ${describeStoreUrl(storeUrl)}`); // the password masked
const zoom = createZoomClient({
  accountId: process.env.ZOOM_ACCOUNT_ID!,
  clientId: process.env.ZOOM_CLIENT_ID!,
  clientSecret: process.env.ZOOM_CLIENT_SECRET!,
  store,
});
const { data } = await zoom.GET("/users/{userId}", { params: { path: { userId: "me" } } });
console.log(data?.email);
await store.close();
