// (c, d, e) A small service as a team would write it: the Zoom client on a store chosen by URL. For each
// URL in STORE_URLS it creates a meeting, deletes it and checks it is gone, printing one JSON line per
// store. The test points ZOOM_API_URL and ZOOM_OAUTH_URL at a simulator.
import { createZoomClient } from "@zoomkit/core";
import { createStoreFromUrl, describeStoreUrl } from "@zoomkit/store-url";

const env = process.env;

async function createAndDelete(storeUrl: string) {
  const store = await createStoreFromUrl(storeUrl, { namespace: env.STORE_NAMESPACE ?? "consumer" });
  try {
    const zoom = createZoomClient({
      accountId: env.ZOOM_ACCOUNT_ID!,
      clientId: env.ZOOM_CLIENT_ID!,
      clientSecret: env.ZOOM_CLIENT_SECRET!,
      store,
      baseUrl: env.ZOOM_API_URL,
      oauthUrl: env.ZOOM_OAUTH_URL,
    });
    const created = await zoom.POST("/users/{userId}/meetings", {
      params: { path: { userId: "me" } },
      body: { topic: "Consumer test", type: 2, duration: 15 },
    });
    if (created.error || created.data.id === undefined) throw new Error(`create: ${created.response.status}`);
    const meeting = { params: { path: { meetingId: created.data.id } } };
    const deleted = await zoom.DELETE("/meetings/{meetingId}", meeting);
    const gone = await zoom.GET("/meetings/{meetingId}", meeting);
    return {
      store: store.name,
      url: describeStoreUrl(storeUrl),
      created: created.response.status,
      deleted: deleted.response.status,
      afterDelete: gone.response.status,
    };
  } finally {
    await store.close();
  }
}

for (const storeUrl of (env.STORE_URLS ?? "memory").split(" ")) {
  console.log(JSON.stringify(await createAndDelete(storeUrl)));
}
