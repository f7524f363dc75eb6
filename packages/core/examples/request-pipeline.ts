// The README's request pipeline example, type-checked by `pnpm typecheck`. In your project, import from
// "@zoomkit/core".
import { createZoomClient, getRateLimit, parseZoomError, RETRY_HEADER } from "../src/index.js";

const zoom = createZoomClient({
  accountId: process.env.ZOOM_ACCOUNT_ID!,
  clientId: process.env.ZOOM_CLIENT_ID!,
  clientSecret: process.env.ZOOM_CLIENT_SECRET!,
  timeoutMs: 10_000,
  retry: { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8_000, unsafeMethods: false },
  rateLimit: { maxRetries: 3, maxWaitMs: 15_000, defaultWaitMs: 1_000, jitterMs: 1_000 },
  hooks: {
    retry: (e) => console.info("zoom retry", e.method, e.path, e.attempt),
    rateLimited: (e) => console.warn("zoom rate limited", e),
    timeout: (e) => console.warn("zoom timeout", e),
  },
});

const { error, response } = await zoom.POST("/users/{userId}/meetings", {
  params: { path: { userId: "host@example.com" } },
  body: { topic: "Standup", type: 2 },
  headers: { [RETRY_HEADER]: "unsafe" }, // this one request may be repeated after a 5xx or network error
});
const limit = getRateLimit(response); // { type: "qps" | "daily" | "unknown", resetAt?, retryAfterMs?, ... } or null
if (error) console.log(parseZoomError(error), limit); // { format: "json", code: 3001, message: "..." }, or text, or empty
