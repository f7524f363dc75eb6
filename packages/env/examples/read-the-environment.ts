// The README's example, type-checked by `pnpm typecheck`. In your project, import from "@zoomkit/env".
import { createZoomClient } from "@zoomkit/core";
import { z } from "zod";
import { openStore, parseEnv, sharedConfig, sharedEnvShape, zoomClientOptions } from "../src/index.js";

const env = parseEnv(z.object({ ...sharedEnvShape, PORT: z.coerce.number().default(3000) }), process.env);
const config = sharedConfig(env);
if (config.problems.length > 0 || !config.zoom) throw new Error(config.problems.join("\n"));
const store = await openStore(config.store);
const zoom = createZoomClient({ ...zoomClientOptions(config.zoom, config.tokenKeys), store });
console.info(env.PORT, typeof zoom.GET);
