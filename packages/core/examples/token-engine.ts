// The README's "Tokens" example, type-checked by `pnpm typecheck`. In your project, import from
// "@zoomkit/core" (and use a shared store such as `createRedisStore` from "@zoomkit/store-redis").
import { createMemoryStore, createZoomClient } from "../src/index.js";

const readSecret = (): string => process.env.ZOOM_CLIENT_SECRET ?? ""; // re-read on every call: rotation needs no restart

const zoom = createZoomClient({
  accountId: process.env.ZOOM_ACCOUNT_ID ?? "",
  clientId: process.env.ZOOM_CLIENT_ID ?? "",
  clientSecret: readSecret,
  store: createMemoryStore(), // for a fleet: createRedisStore({ url: process.env.REDIS_URL })
  encryptionKey: process.env.ZOOMKIT_TOKEN_KEY, // 32 bytes, hex or base64: the store sees ciphertext only
  mintBudgetPerHour: 100,
  hooks: {
    tokenMinted: (e) => console.info("token minted", e.reason, e.fingerprint),
    appRejected: (e) => console.error(e.error.message),
    storeDegraded: (e) => console.warn("token store degraded:", e.degraded),
  },
});
const stats = zoom.tokens.stats(); // mints by reason, hits per layer, lease waits, 401 retries, circuit, degraded
console.info(stats.mints.total, stats.hits.process, stats.circuit.state, stats.degraded.active);
