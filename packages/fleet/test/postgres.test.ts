import { afterAll, describe, it } from "vitest";
import { appDeactivated } from "./scenarios/app-deactivated.js";
import { coldStart } from "./scenarios/cold-start.js";
import { foreignKey } from "./scenarios/foreign-key.js";
import { leaseHolderKilled } from "./scenarios/lease-holder-killed.js";
import { lifetimes } from "./scenarios/lifetimes.js";
import { dailyCapAcrossFleet, pacedFleet } from "./scenarios/pacing.js";
import { rollingDeploy } from "./scenarios/rolling-deploy.js";
import { scopeRemoved } from "./scenarios/scope-removed.js";
import { storeRestart } from "./scenarios/store-restart.js";
import { tokenOutage } from "./scenarios/token-outage.js";
import { postgresFixture } from "./support/stores.js";

const fixture = postgresFixture();
afterAll(() => fixture.cleanup());

describe("a fleet of processes sharing tokens through Postgres", () => {
  it("mints exactly once when 16 processes x 64 callers start on a cold cache", () => coldStart(fixture));
  it("mints once per lifetime with zero failed calls under invalidate-previous", () => lifetimes(fixture));
  it("lets a survivor mint within about one lease time-to-live (2 s, renewed) when the holder is killed mid-mint (5 s)", () =>
    leaseHolderKilled(fixture));
  it("serves every call through a Postgres restart, then leaves degraded mode and converges on one token", () =>
    storeRestart(fixture));
  it("rejects a record sealed with another encryption key cleanly and replaces it", () =>
    foreignKey(fixture));
  it("mints at most one token per cool-down while the app is deactivated, fails with the app_rejected diagnosis, and recovers through probe requests when old tokens revive", () =>
    appDeactivated(fixture, "revive"));
  it("mints at most one token per cool-down while the app is deactivated, and recovers when old tokens stay dead (short cool-downs, probe mints)", () =>
    appDeactivated(fixture, "stay-dead"));
  it("keeps every other operation working when one operation loses its scope (4711), with at most 2 mints", () =>
    scopeRemoved(fixture));
  it("serves every call through a 10 s token-endpoint outage, attempts within the backoff's bound, none counted against the budget", () =>
    tokenOutage(fixture));
  it("shares one token per lifetime between processes of the previous release (f8c4121) and this one during a rolling deploy", () =>
    rollingDeploy(fixture));
  it("paces 4 processes x 8 callers creating meetings to 0 429s from Zoom at Medium 10/s", () =>
    pacedFleet(fixture));
  it("counts a host's daily creates once for the fleet: exactly the cap reaches Zoom", () =>
    dailyCapAcrossFleet(fixture));
});
