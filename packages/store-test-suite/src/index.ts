/**
 * `@zoomkit/store-test-suite`: the conformance suite every `TokenStore` passes. Call
 * `runTokenStoreSuite` from a vitest test file with a factory; it registers one `describe` block per
 * behaviour group.
 */
import { describe } from "vitest";
import { createSuite, type TokenStoreSuiteOptions } from "./context.js";
import { circuitGroup } from "./groups/circuit.js";
import { compareAndDeleteGroup } from "./groups/compare-and-delete.js";
import { compareAndSetGroup } from "./groups/compare-and-set.js";
import { errorsGroup } from "./groups/errors.js";
import { eventsGroup } from "./groups/events.js";
import { fleetAdminGroup } from "./groups/fleet-admin.js";
import { leaseGroup } from "./groups/lease.js";
import { leaseRenewalGroup } from "./groups/lease-renewal.js";
import { permitsGroup } from "./groups/permits.js";
import { providerGroup } from "./groups/provider.js";
import { recordsGroup } from "./groups/records.js";
import { waitForChangeGroup } from "./groups/wait-for-change.js";

export type { SuiteCapabilities, TokenStoreSuiteOptions } from "./context.js";

/**
 * Registers the conformance suite for a store. A fresh store comes from `createStore` for every test
 * and is closed after it; keys get a random prefix per test, so runs on a shared server never collide.
 *
 * @example
 * import { createRedisStore } from "@zoomkit/store-redis";
 * import { runTokenStoreSuite } from "@zoomkit/store-test-suite";
 *
 * runTokenStoreSuite({
 *   name: "redis",
 *   createStore: () => createRedisStore({ url: process.env.REDIS_URL }),
 * });
 */
export function runTokenStoreSuite(options: TokenStoreSuiteOptions): void {
  describe(`TokenStore conformance: ${options.name}`, () => {
    const suite = createSuite(options);
    recordsGroup(suite);
    compareAndSetGroup(suite);
    leaseGroup(suite);
    leaseRenewalGroup(suite);
    compareAndDeleteGroup(suite);
    eventsGroup(suite);
    permitsGroup(suite);
    waitForChangeGroup(suite);
    errorsGroup(suite);
    circuitGroup(suite);
    providerGroup(suite);
    fleetAdminGroup(suite);
  });
}
