/** The shared circuit: one process opens it, every process fails fast; one probe when the cool-down ends. */
import { ZoomAuthError } from "@zoomkit/core";
import { describe, expect, it } from "vitest";
import { pollUntil, type Suite } from "../context.js";
import { fakeTokenEndpoint } from "../fake-zoom.js";
import { fleet } from "./provider.js";

const refused = { status: 401, zoomCode: 124 };

export function circuitGroup(suite: Suite): void {
  const { processes, ttlMs, patienceMs } = suite.options;
  describe("circuit state", () => {
    it("is seen by every process: they fail fast with app_rejected and mint nothing", async () => {
      const ctx = await suite.setup();
      const zoom = fakeTokenEndpoint(3600);
      const providers = await fleet(ctx, processes, zoom.fetch, { circuitCoolDownMs: 60_000 });
      const first = await providers[0]!.getToken();
      const second = await providers[0]!.unauthorized(first, refused, { attempt: 1 });
      const opened = await providers[0]!
        .unauthorized(second!, refused, { attempt: 2 })
        .catch((e: unknown) => e);
      expect(opened).toBeInstanceOf(ZoomAuthError);
      expect((opened as ZoomAuthError).code).toBe("app_rejected");
      const mints = zoom.mints();
      for (const p of providers.slice(1)) {
        await expect(p.getToken()).rejects.toMatchObject({ code: "app_rejected" });
      }
      expect(zoom.mints()).toBe(mints);
    });

    it("lets exactly one process probe when the cool-down ends, then everyone uses the probe's token", async () => {
      const ctx = await suite.setup();
      const zoom = fakeTokenEndpoint(3600);
      const providers = await fleet(ctx, processes, zoom.fetch, { circuitCoolDownMs: ttlMs });
      const first = await providers[0]!.getToken();
      const second = await providers[0]!.unauthorized(first, refused, { attempt: 1 });
      await providers[0]!.unauthorized(second!, refused, { attempt: 2 }).catch(() => undefined);
      const before = zoom.mints();
      let tokens: string[] = [];
      await pollUntil(
        "the cool-down ended and a probe token was handed out",
        async () => {
          const results = await Promise.allSettled(providers.map((p) => p.getToken()));
          tokens = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.fingerprint] : []));
          return tokens.length === providers.length;
        },
        patienceMs,
      );
      if (ctx.caps.atomicLease) {
        expect(zoom.mints()).toBe(before + 1);
        expect(new Set(tokens).size).toBe(1);
      }
      expect(providers.reduce((n, p) => n + p.stats().mints.probe, 0)).toBeGreaterThanOrEqual(1);
    });
  });
}
