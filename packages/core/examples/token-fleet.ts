// The README's "Operator actions" example, type-checked by `pnpm typecheck`. In your project, import
// from "@zoomkit/core", with the fleet's shared store (e.g. `createRedisStore` from "@zoomkit/store-redis").
import { createMemoryStore, createTokenProvider } from "../src/index.js";

const tokens = createTokenProvider({
  accountId: process.env.ZOOM_ACCOUNT_ID ?? "",
  clientId: process.env.ZOOM_CLIENT_ID ?? "",
  clientSecret: process.env.ZOOM_CLIENT_SECRET ?? "",
  store: createMemoryStore(), // the fleet's store: createRedisStore({ url: process.env.REDIS_URL })
  encryptionKey: process.env.ZOOMKIT_TOKEN_KEY,
});
const state = await tokens.fleet.inspect(); // reads the store; never mints, never shows a token
if (state.reachable && state.circuit.state === "open") {
  console.info(state.circuit.zoomCode, new Date(state.circuit.openUntil).toISOString());
  // ...after fixing the app in the Zoom App Marketplace:
  await tokens.fleet.resetCircuit(); // every process serves again within circuitRecheckMs (2 s)
}
await tokens.fleet.dropToken(); // the next process that needs a token mints one fresh token for the fleet
await tokens.close();
