/**
 * The operator's view and actions (`provider.fleet`) on the records the fleet really shares: inspect
 * what the store holds, reset an open circuit (every process serves again within its re-read interval),
 * drop the token (the next process mints one fresh token for everyone).
 */
import { randomBytes } from "node:crypto";
import type { ZoomTokenProvider } from "@zoomkit/core";
import { describe, expect, it } from "vitest";
import { pollUntil, type Suite } from "../context.js";
import { fakeTokenEndpoint } from "../fake-zoom.js";
import { fleet, tokenKey } from "./provider.js";

const refused = { status: 401, zoomCode: 124 };

/** Opens the circuit the way the pipeline does: a token refused, then its fresh replacement refused too. */
async function openCircuit(provider: ZoomTokenProvider): Promise<void> {
  const first = await provider.getToken();
  const second = await provider.unauthorized(first, refused, { attempt: 1 });
  await expect(provider.unauthorized(second!, refused, { attempt: 2 })).rejects.toMatchObject({
    code: "app_rejected",
  });
}

export function fleetAdminGroup(suite: Suite): void {
  const { patienceMs } = suite.options;
  describe("operator view and actions (provider.fleet)", () => {
    it("inspects an empty fleet, then the token one process minted, without its value", async () => {
      const ctx = await suite.setup();
      const zoom = fakeTokenEndpoint(3600);
      const [minter, operator] = await fleet(ctx, 2, zoom.fetch, { mintBudgetPerHour: 7 });
      expect(await operator!.fleet.inspect()).toMatchObject({
        reachable: true,
        token: { state: "absent" },
        circuit: { state: "closed" },
        mints: { lastHour: 0, budget: 7 },
        lease: "free",
        backoff: null,
      });
      const token = await minter!.getToken();
      const state = await operator!.fleet.inspect();
      expect(state).toMatchObject({
        reachable: true,
        credential: minter!.stats().credential,
        token: {
          state: "present",
          fingerprint: token.fingerprint,
          expiresAt: token.expiresAt,
          mintedAt: token.mintedAt,
          scopes: ["meeting:write:admin"],
          mintedBy: expect.stringContaining(`/${process.pid}/`),
        },
        mints: { lastHour: 1, budget: 7 },
      });
      expect(JSON.stringify(state)).not.toContain(token.value);
      expect(zoom.mints()).toBe(1);
    });

    it("sees a mint lease another process holds", async () => {
      const ctx = await suite.setup();
      const zoom = fakeTokenEndpoint(3600);
      const [operator] = await fleet(ctx, 1, zoom.fetch);
      const leaseKey = tokenKey(ctx).replace(/:token$/, ":lease");
      const held = await (await ctx.peer()).acquireLease(leaseKey, "another-process", 60_000);
      expect(held).not.toBeNull();
      if (ctx.caps.atomicLease) expect(await operator!.fleet.inspect()).toMatchObject({ lease: "held" });
      expect(zoom.mints()).toBe(0);
    });

    it("shows why the circuit opened; a reset serves every process again within its re-read interval", async () => {
      const ctx = await suite.setup();
      const zoom = fakeTokenEndpoint(3600);
      const providers = await fleet(ctx, 3, zoom.fetch, {
        circuitCoolDownMs: 600_000,
        circuitRecheckMs: 50,
        circuitProbeMs: 600_000,
      });
      const [opener, other, operator] = providers as [
        ZoomTokenProvider,
        ZoomTokenProvider,
        ZoomTokenProvider,
      ];
      await openCircuit(opener);
      await expect(other.getToken()).rejects.toMatchObject({ code: "app_rejected" });
      const state = await operator.fleet.inspect();
      expect(state).toMatchObject({
        reachable: true,
        circuit: { state: "open", status: 401, zoomCode: 124, coolDownMs: 600_000 },
      });
      if (state.reachable && state.circuit.state === "open") {
        expect(state.circuit.openUntil).toBeGreaterThan(Date.now() + 500_000);
        expect(state.circuit.diagnosis).toContain("the app itself is refused");
      }
      const mints = zoom.mints();
      expect(await operator.fleet.resetCircuit()).toEqual({
        outcome: "reset",
        removed: { state: "open", zoomCode: 124 },
        backoffCleared: false,
      });
      expect(await operator.fleet.inspect()).toMatchObject({ circuit: { state: "closed" } });
      await pollUntil(
        "every process serves tokens again",
        async () => {
          const results = await Promise.allSettled([opener.getToken(), other.getToken()]);
          return results.every((r) => r.status === "fulfilled");
        },
        patienceMs,
      );
      if (ctx.caps.atomicLease) expect(zoom.mints()).toBe(mints + 1);
      expect(await operator.fleet.resetCircuit()).toEqual({
        outcome: "already-closed",
        backoffCleared: false,
      });
    });

    it("drops the token: the next process that needs one mints one fresh token for the fleet", async () => {
      const ctx = await suite.setup();
      const zoom = fakeTokenEndpoint(3600);
      const [minter, operator] = await fleet(ctx, 2, zoom.fetch);
      const old = await minter!.getToken();
      expect(await operator!.fleet.dropToken()).toEqual({ outcome: "dropped", fingerprint: old.fingerprint });
      expect(await ctx.store.get(tokenKey(ctx))).toBeNull();
      expect(await operator!.fleet.dropToken()).toEqual({ outcome: "absent" });
      const [late] = await fleet(ctx, 1, zoom.fetch);
      const fresh = await late!.getToken();
      expect(fresh.fingerprint).not.toBe(old.fingerprint);
      expect(zoom.mints()).toBe(2);
      const state = await operator!.fleet.inspect();
      expect(state.reachable && state.token).toMatchObject({
        state: "present",
        fingerprint: fresh.fingerprint,
      });
    });

    it("reports a token record its encryption key does not open as unreadable", async () => {
      const ctx = await suite.setup();
      const zoom = fakeTokenEndpoint(3600);
      const [writer] = await fleet(ctx, 1, zoom.fetch, { encryptionKey: randomBytes(32) });
      const [reader] = await fleet(ctx, 1, zoom.fetch, { encryptionKey: randomBytes(32) });
      await writer!.getToken();
      const state = await reader!.fleet.inspect();
      expect(state.reachable && state.token).toEqual({ state: "unreadable" });
    });
  });
}
