#!/usr/bin/env node
// `pnpm test:live`: checks the simulator's unconfirmed assumptions against a real Zoom account. It runs
// only with real credentials, and never in CI: there it fails instead of passing without checking
// anything (it is not part of `pnpm test`). Without credentials elsewhere it says so and exits 0.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const NEEDED = ["ZOOM_ACCOUNT_ID", "ZOOM_CLIENT_ID", "ZOOM_CLIENT_SECRET"];
const missing = NEEDED.filter((name) => !process.env[name]);
if (process.env.CI) {
  process.stderr.write(
    "test:live talks to a real Zoom account and does not run in CI (it is not part of pnpm test).\n",
  );
  process.exit(1);
}
if (missing.length > 0) {
  process.stdout.write(
    `test:live: not run: ${missing.join(", ")} not set. Set a real Server-to-Server OAuth app's credentials (a test account) to check the simulator's assumptions against Zoom.\n`,
  );
  process.exit(0);
}
const vitest = fileURLToPath(new URL("../node_modules/vitest/vitest.mjs", import.meta.url));
const config = fileURLToPath(new URL("../vitest.live.config.ts", import.meta.url));
const run = spawnSync(process.execPath, [vitest, "run", "--config", config], { stdio: "inherit" });
process.exit(run.status ?? 1);
