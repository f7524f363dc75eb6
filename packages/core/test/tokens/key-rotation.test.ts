/**
 * Key rotation: several encryption keys, the first seals and all open; a token record an older key
 * sealed is written again with the first; processes listing the keys in either order share one token.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ZoomAuthError } from "../../src/index.js";
import { createKeyRing } from "../../src/tokens/key-ring.js";
import { credentialKeys } from "../../src/tokens/keys.js";
import { createRecordCodec } from "../../src/tokens/record-codec.js";
import { base, setup } from "./setup.js";

const OLD = randomBytes(32).toString("base64");
const NEW = randomBytes(32).toString("hex");
const token = { value: "tok-1", fingerprint: "x", expiresAt: 2, mintedAt: 1, generation: 0, scopes: ["a"] };
const keys = credentialKeys("zoomkit:", base.accountId, base.clientId, base.clientSecret);

describe("key ring", () => {
  it("seals with the first key and opens with any, telling which records an older key sealed", () => {
    const old = createRecordCodec(OLD);
    const rotated = createRecordCodec(`${NEW}, ${OLD}`);
    const sealedOld = old.encodeToken(token, "k");
    const sealedNew = rotated.encodeToken(token, "k");
    expect(rotated.decodeToken(sealedOld, "k")).toMatchObject({ token: { value: "tok-1" }, stale: true });
    expect(rotated.decodeToken(sealedNew, "k")).toMatchObject({ token: { value: "tok-1" }, stale: false });
    // The first key sealed it: a process that knows only the old key cannot open it, one that knows both can.
    expect(old.decodeToken(sealedNew, "k")).toBeUndefined();
    expect(createRecordCodec([OLD, NEW]).decodeToken(sealedNew, "k")).toMatchObject({ stale: true });
    expect(createRecordCodec([Buffer.from(NEW, "hex")]).decodeToken(sealedNew, "k")?.stale).toBe(false);
    // Still bound to the store key, whichever key opens it.
    expect(rotated.decodeToken(sealedOld, "other")).toBeUndefined();
    expect(createRecordCodec(randomBytes(32)).decodeToken(sealedNew, "k")).toBeUndefined();
  });

  it("refuses an empty list or a bad key with store_misconfigured, naming its place, never its value", () => {
    const bad = "c2hvcnQ=";
    for (const input of ["", " , ", [] as string[]]) {
      expect(() => createKeyRing(input)).toThrow(ZoomAuthError);
      expect(() => createKeyRing(input)).toThrow(/lists no key/);
    }
    const error = (() => {
      try {
        createKeyRing(`${NEW},${bad}`);
      } catch (e) {
        return e as ZoomAuthError;
      }
    })();
    expect(error).toMatchObject({ code: "store_misconfigured" });
    expect(error?.message).toMatch(/key 2 of the list/);
    expect(error?.message).not.toContain(bad);
    expect(error?.message).not.toContain(NEW);
  });
});

describe("a rolling rotation", () => {
  it("keeps one token: processes listing old,new and new,old share it, and the record is resealed once", async () => {
    const { make, zoom, store } = setup();
    const before = make({ encryptionKey: OLD });
    const first = await before.getToken();
    const rolling = make({ encryptionKey: [OLD, NEW] });
    const rotated = make({ encryptionKey: `${NEW},${OLD}` });
    expect((await rolling.getToken()).value).toBe(first.value);
    expect((await rotated.getToken()).value).toBe(first.value);
    expect(zoom.mints()).toBe(1);
    // new,old found a record sealed with old and wrote it again with new, same token and tag.
    await expect.poll(() => rotated.stats().resealedRecords).toBe(1);
    const record = await store.get(keys.token);
    expect(record?.tag).toBe(first.fingerprint);
    expect(createRecordCodec(NEW).decodeToken(record!.value, keys.token)?.token.value).toBe(first.value);
    expect(createRecordCodec(OLD).decodeToken(record!.value, keys.token)).toBeUndefined();
    // With the rotation done, a process that knows only the new key reads the token without a mint.
    const after = make({ encryptionKey: NEW });
    expect((await after.getToken()).value).toBe(first.value);
    expect(after.stats()).toMatchObject({ corruptRecords: 0, resealedRecords: 0 });
    expect(zoom.mints()).toBe(1);
    await Promise.all([before, rolling, rotated, after].map((t) => t.close()));
  });

  it("a token minted during the rotation is sealed with the minter's first key and opened by the others", async () => {
    const { make, zoom } = setup();
    const rotated = make({ encryptionKey: [NEW, OLD] });
    const rolling = make({ encryptionKey: [OLD, NEW] });
    const minted = await rotated.getToken();
    expect((await rolling.getToken()).value).toBe(minted.value);
    expect(zoom.mints()).toBe(1);
    expect(rolling.stats().corruptRecords).toBe(0);
    await Promise.all([rotated.close(), rolling.close()]);
  });
});
