/**
 * The two shared stores the fleet runs on, with fresh names per test (a Redis namespace, a Postgres
 * schema) so parallel runs never collide, and private servers for the tests that stop the store.
 */
import { randomBytes } from "node:crypto";
import {
  clearRedisNamespace,
  dropFleetSchema,
  type PrivateServer,
  prepareFleetSchema,
  type StoreConfig,
  startPrivatePostgres,
  startPrivateRedis,
} from "../../src/index.js";

export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
export const DATABASE_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface StoreFixture {
  readonly kind: "redis" | "postgres";
  /** A store config on the shared server under a name of its own. */
  shared(): Promise<StoreConfig>;
  /** A private server (free port) and a store config on it. */
  private(): Promise<{ server: PrivateServer; store: StoreConfig }>;
  /** Removes what this fixture created on the shared server and stops private servers. */
  cleanup(): Promise<void>;
}

const suffix = (): string => randomBytes(5).toString("hex");

export function redisFixture(): StoreFixture {
  const namespaces: string[] = [];
  const servers: PrivateServer[] = [];
  return {
    kind: "redis",
    async shared() {
      const namespace = `zoomkit-fleet-${suffix()}`;
      namespaces.push(namespace);
      return { kind: "redis", url: REDIS_URL, namespace };
    },
    async private() {
      const server = await startPrivateRedis();
      servers.push(server);
      return { server, store: { kind: "redis", url: server.url, namespace: `zoomkit-fleet-${suffix()}` } };
    },
    async cleanup() {
      await Promise.all(servers.map((s) => s.close()));
      for (const namespace of namespaces) await clearRedisNamespace(REDIS_URL, namespace);
    },
  };
}

export function postgresFixture(): StoreFixture {
  const schemas: string[] = [];
  const servers: PrivateServer[] = [];
  return {
    kind: "postgres",
    async shared() {
      const schema = `zoomkit_fleet_${suffix()}`;
      schemas.push(schema);
      await prepareFleetSchema(DATABASE_URL, schema);
      return { kind: "postgres", connectionString: DATABASE_URL, schema, maxConnections: 1 };
    },
    async private() {
      const server = await startPrivatePostgres();
      servers.push(server);
      const schema = `zoomkit_fleet_${suffix()}`;
      await prepareFleetSchema(server.url, schema);
      return { server, store: { kind: "postgres", connectionString: server.url, schema, maxConnections: 1 } };
    },
    async cleanup() {
      await Promise.all(servers.map((s) => s.close()));
      for (const schema of schemas) await dropFleetSchema(DATABASE_URL, schema);
    },
  };
}
