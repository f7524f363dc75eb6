// The README's example, type-checked by `pnpm typecheck`. In your project, import from "@zoomkit/store-postgres".
import { createZoomClient } from "@zoomkit/core";
import { createPostgresStore } from "../src/index.js";

const store = createPostgresStore({
  connectionString: process.env.DATABASE_URL ?? "postgres://localhost/app",
});
const zoom = createZoomClient({
  accountId: process.env.ZOOM_ACCOUNT_ID ?? "",
  clientId: process.env.ZOOM_CLIENT_ID ?? "",
  clientSecret: process.env.ZOOM_CLIENT_SECRET ?? "",
  store, // every process on this database shares one token
});
const { data } = await zoom.GET("/users/{userId}", { params: { path: { userId: "me" } } });
console.log(data?.email);
await store.close(); // on shutdown
