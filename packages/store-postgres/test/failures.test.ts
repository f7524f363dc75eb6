import { createServer, type Server, type Socket } from "node:net";
import { inspect } from "node:util";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createPostgresStore, PostgresStoreError } from "../src/index.js";
import { DATABASE_URL, randomKey, useTestSchema } from "./helpers.js";

const db = useTestSchema();
const PASSWORD = "s3cr3t-hunter2";
const servers: Server[] = [];
const sockets: Socket[] = [];
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

/** A TCP server that accepts connections and never answers: a Postgres that hangs. */
async function blackhole(): Promise<number> {
  const server = createServer((socket) => sockets.push(socket));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as { port: number }).port;
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

function expectNoSecret(error: unknown) {
  expect(error).toBeInstanceOf(PostgresStoreError);
  const text = `${String(error)}\n${inspect(error, { depth: 10 })}\n${JSON.stringify(error)}`;
  expect(text).not.toContain(PASSWORD);
}

describe("failures", () => {
  it("times out, naming the store and operation, against a server that never answers", async () => {
    const port = await blackhole();
    const store = createPostgresStore({
      connectionString: `postgres://zoom:${PASSWORD}@127.0.0.1:${port}/test`,
      timeoutMs: 300,
    });
    const error = await store.compareAndSet(randomKey(), 0, { value: "v", tag: "t" }, 1_000).catch((e) => e);
    expect(error).toMatchObject({ code: "store_timeout", operation: "compareAndSet" });
    expect(error.message).toContain('postgres store "public.zoomkit_tokens"');
    expectNoSecret(error);
    await store.close();
  });

  it("reports an unreachable port as unavailable, without the password", async () => {
    const port = await closedPort();
    const store = createPostgresStore({
      connectionString: `postgresql://zoom:${PASSWORD}@127.0.0.1:${port}/test?application_name=x`,
      timeoutMs: 1_000,
    });
    const error = await store.get(randomKey()).catch((e) => e);
    expect(error).toMatchObject({ code: "store_unavailable", operation: "get" });
    expect(error.message).toContain("ECONNREFUSED");
    expectNoSecret(error);
    await store.close();
  });

  it("bounds a statement stuck behind a row lock, then works once the lock is gone", async () => {
    const store = db.store({ timeoutMs: 400 });
    const key = randomKey();
    const written = await store.compareAndSet(key, 0, { value: "v", tag: "t" }, 60_000);
    const locker = new pg.Client({ connectionString: DATABASE_URL });
    await locker.connect();
    await locker.query("BEGIN");
    await locker.query(`SELECT 1 FROM "${db.schema}"."zoomkit_tokens" WHERE key = $1 FOR UPDATE`, [key]);
    const error = await store
      .compareAndSet(key, written!.generation, { value: "v2", tag: "t2" }, 60_000)
      .catch((e) => e);
    expect(error).toMatchObject({ code: "store_timeout", operation: "compareAndSet" });
    await locker.query("ROLLBACK");
    await locker.end();
    // A timed-out write has an unknown outcome (it may commit after the client stopped waiting), but it
    // happened whole or not at all; and the store carries on from whatever generation is current.
    const after = await store.get(key);
    expect(["v", "v2"]).toContain(after?.value);
    expect(after?.tag).toBe(after?.value === "v" ? "t" : "t2");
    const next = await store.compareAndSet(key, after!.generation, { value: "v3", tag: "t3" }, 60_000);
    expect(next?.value).toBe("v3");
  });

  it("rejects every call after close(), and close() is idempotent", async () => {
    const store = db.store();
    await store.get(randomKey());
    await store.close();
    await store.close();
    await expect(store.get(randomKey())).rejects.toMatchObject({ code: "store_closed", operation: "get" });
    await expect(store.acquireLease(randomKey(), "h", 1_000)).rejects.toMatchObject({ code: "store_closed" });
  });

  it("leaves an injected pool open on close()", async () => {
    const pool = db.pool(2);
    const store = createPostgresStore({ pool, schema: db.schema });
    await store.compareAndSet(randomKey(), 0, { value: "v", tag: "t" }, 1_000);
    await store.close();
    expect((await pool.query("SELECT 2 AS two")).rows[0].two).toBe(2);
  });

  it("refuses arguments it cannot store faithfully", async () => {
    const store = db.store();
    await expect(store.get("")).rejects.toMatchObject({ code: "store_invalid_argument", operation: "get" });
    await expect(store.get("x".repeat(1_025))).rejects.toMatchObject({ code: "store_invalid_argument" });
    await expect(store.compareAndSet("k\u0000", 0, { value: "v", tag: "t" }, 1_000)).rejects.toMatchObject({
      code: "store_invalid_argument",
    });
    await expect(
      store.compareAndSet(randomKey(), 0, { value: "\uD800", tag: "t" }, 1_000),
    ).rejects.toMatchObject({
      code: "store_invalid_argument",
    });
    await expect(store.recordEvent(randomKey(), Number.NaN)).rejects.toMatchObject({
      code: "store_invalid_argument",
    });
  });

  it("refuses options that cannot work, without echoing the connection string", () => {
    const attempt = (options: unknown) => {
      try {
        createPostgresStore(options as never);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const both = attempt({ connectionString: `postgres://u:${PASSWORD}@h/db`, pool: new pg.Pool() });
    expect(both).toMatchObject({ code: "store_misconfigured" });
    expectNoSecret(both);
    expect(attempt({ connectionString: DATABASE_URL, table: "x".repeat(64) })).toMatchObject({
      code: "store_misconfigured",
    });
    expect(attempt({ connectionString: DATABASE_URL, timeoutMs: 0 })).toMatchObject({
      code: "store_misconfigured",
    });
  });
});
