/**
 * Many concurrent callers through real token providers (one per simulated process, each with its own
 * store instance when the store is shared), with an injected fake token endpoint.
 */
import { randomBytes } from "node:crypto";
import {
  createTokenProvider,
  fingerprint,
  type TokenProviderOptions,
  type ZoomTokenProvider,
} from "@zoomkit/core";
import { describe, expect, it } from "vitest";
import type { Suite, TestContext } from "../context.js";
import { FAKE_OAUTH_URL, fakeTokenEndpoint } from "../fake-zoom.js";

const SECRET = "suite-secret";

export async function fleet(
  ctx: TestContext,
  count: number,
  fetch: typeof globalThis.fetch,
  extra: Partial<TokenProviderOptions> = {},
): Promise<ZoomTokenProvider[]> {
  const providers: ZoomTokenProvider[] = [];
  for (let i = 0; i < count; i++) {
    providers.push(
      createTokenProvider({
        accountId: "suite-account",
        clientId: "suite-client",
        clientSecret: SECRET,
        oauthUrl: FAKE_OAUTH_URL,
        fetch,
        store: i === 0 ? ctx.store : await ctx.peer(),
        keyPrefix: ctx.prefix,
        leaseTtlMs: 5_000,
        ...extra,
      }),
    );
  }
  return providers;
}

export function tokenKey(ctx: TestContext): string {
  return `${ctx.prefix}{suite-account:suite-client:${fingerprint(SECRET)}}:token`;
}

export function providerGroup(suite: Suite): void {
  const { processes, concurrency } = suite.options;
  describe("many concurrent callers through real token providers", () => {
    it(`mints once when ${processes} processes x ${concurrency} callers race a cold cache`, async () => {
      const ctx = await suite.setup();
      const zoom = fakeTokenEndpoint(3600);
      const providers = await fleet(ctx, processes, zoom.fetch);
      const tokens = await Promise.all(
        providers.flatMap((p) => Array.from({ length: concurrency }, () => p.getToken())),
      );
      if (ctx.caps.atomicLease) {
        expect(zoom.mints()).toBe(1);
        expect(new Set(tokens.map((t) => t.fingerprint)).size).toBe(1);
      } else {
        // Without atomic leases: single-flight within each process only.
        expect(zoom.mints()).toBeLessThanOrEqual(processes);
      }
      const record = await ctx.store.get(tokenKey(ctx));
      expect(tokens.map((t) => t.fingerprint)).toContain(record?.tag);
    });

    it("answers a burst of 401s for one token with one new token across the fleet", async () => {
      const ctx = await suite.setup();
      const zoom = fakeTokenEndpoint(3600);
      const providers = await fleet(ctx, processes, zoom.fetch);
      const first = await providers[0]!.getToken();
      await Promise.all(providers.map((p) => p.getToken()));
      const retries = await Promise.all(
        providers.flatMap((p) =>
          Array.from({ length: 8 }, () =>
            p.unauthorized(first, { status: 401, zoomCode: 124 }, { attempt: 1 }),
          ),
        ),
      );
      for (const next of retries) expect(next?.fingerprint).not.toBe(first.fingerprint);
      if (ctx.caps.atomicLease) expect(zoom.mints()).toBe(2);
      else expect(zoom.mints()).toBeLessThanOrEqual(1 + processes);
    });

    it("keeps one token per lifetime under steady load with short-lived tokens", async () => {
      const ctx = await suite.setup();
      const zoom = fakeTokenEndpoint(1);
      const providers = await fleet(ctx, processes, zoom.fetch);
      await Promise.all(providers.map((p) => p.getToken()));
      const blockedAfterWarmUp = providers.map((p) => p.stats().blocked);
      // Two lifetimes counted from the first mint (a slow warm-up must not stretch the window).
      const until = (await providers[0]!.getToken()).mintedAt + 2_000;
      let calls = 0;
      while (Date.now() < until) {
        await Promise.all(providers.map((p) => p.getToken()));
        calls += providers.length;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(calls).toBeGreaterThan(0);
      // Two lifetimes: the cold mint plus one refresh per lifetime (at most one more when shared).
      if (ctx.caps.atomicLease) expect(zoom.mints()).toBeLessThanOrEqual(3);
      // Refresh happens ahead, in the background. A process that made no call inside the refresh window
      // (a busy machine spaces the calls out) reads the new token from the store when it next needs one:
      // at most one such wait per lifetime, never a mint storm.
      providers.forEach((p, i) => {
        expect(p.stats().blocked - blockedAfterWarmUp[i]!).toBeLessThanOrEqual(2);
      });
      expect(providers.reduce((n, p) => n + p.stats().refreshFailures, 0)).toBe(0);
    });

    it("shares sealed records: the store holds ciphertext only", async () => {
      const ctx = await suite.setup();
      const zoom = fakeTokenEndpoint(3600);
      const encryptionKey = randomBytes(32);
      const providers = await fleet(ctx, 2, zoom.fetch, { encryptionKey });
      const token = await providers[0]!.getToken();
      const record = await ctx.store.get(tokenKey(ctx));
      expect(record?.value).not.toContain(token.value);
      expect((await providers[1]!.getToken()).value).toBe(token.value);
      expect(zoom.mints()).toBe(1);
    });

    it("reports once, by hook and in the stats, when a shared store gets records without a key", async () => {
      const ctx = await suite.setup();
      const zoom = fakeTokenEndpoint(3600);
      const reports: { store: string; message: string }[] = [];
      const hooks = { storeUnencrypted: (e: { store: string; message: string }) => reports.push(e) };
      const [plain] = await fleet(ctx, 1, zoom.fetch, { hooks });
      await plain!.getToken();
      await plain!.getToken();
      const [sealed] = await fleet(ctx, 1, zoom.fetch, { hooks, encryptionKey: randomBytes(32) });
      expect(sealed!.stats().storeEncryption).toBe("sealed");
      // What the store declares decides: another process reads a shared store's records.
      if (ctx.store.capabilities.shared) {
        expect(plain!.stats().storeEncryption).toBe("plaintext");
        expect(reports).toEqual([{ store: ctx.store.name, message: expect.stringMatching(/encryptionKey/) }]);
        expect(reports[0]!.message).not.toContain(SECRET);
      } else {
        expect(plain!.stats().storeEncryption).toBe("in-process");
        expect(reports).toEqual([]);
      }
    });

    it("replaces a corrupt record it finds in the store", async () => {
      const ctx = await suite.setup();
      const zoom = fakeTokenEndpoint(3600);
      await ctx.store.compareAndSet(tokenKey(ctx), 0, { value: "\u0000garbage{", tag: "foreign" }, 60_000);
      const [provider] = await fleet(ctx, 1, zoom.fetch);
      const token = await provider!.getToken();
      expect(provider!.stats().corruptRecords).toBe(1);
      expect((await ctx.store.get(tokenKey(ctx)))?.tag).toBe(token.fingerprint);
    });
  });
}
