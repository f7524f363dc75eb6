// The README's pacing example, type-checked by `pnpm typecheck`. In your project, import from "@zoomkit/core".
import { createMemoryStore, createZoomClient, getRateLimit } from "../src/index.js";

const store = createMemoryStore(); // in a fleet: createRedisStore(...) or createPostgresStore(...)
const zoom = createZoomClient({
  accountId: process.env.ZOOM_ACCOUNT_ID!,
  clientId: process.env.ZOOM_CLIENT_ID!,
  clientSecret: process.env.ZOOM_CLIENT_SECRET!,
  store,
  // The account's plan, or explicit limits: { rates: { light: 30, medium: 20, heavy: 10, resourceIntensive: 1 / 6 } }
  pacing: { plan: "pro", maxWaitMs: 10_000, dailyMeetingCap: 100 },
  hooks: { pacing: (e) => console.warn("zoom pacing", e.state, e.reason) },
});

const { error, response } = await zoom.POST("/users/{userId}/meetings", {
  params: { path: { userId: "host@example.com" } },
  body: { topic: "Standup", type: 2 },
});
const limit = getRateLimit(response);
if (error && limit?.local) console.log(`not sent: paced, try again after ${limit.resetAt?.toISOString()}`);
