/**
 * Opens the LISTEN connection: a client of its own when there is a connection string (so it never
 * takes a slot of the pool), else one client checked out of the injected pool for as long as it listens.
 * LISTEN is session state: behind PgBouncer in transaction mode it must go to Postgres directly
 * (`listenConnectionString`), or waiters fall back to polling.
 */
import type { Client, ClientConfig, Pool, PoolClient } from "pg";
import type { ListenConnection } from "./notifier.js";
import { timed, withDeadline } from "./query.js";
import { quoteIdent } from "./sql.js";

export interface ListenConnectorConfig {
  readonly pool: Pool;
  readonly connectionString: string | undefined;
  readonly channel: string;
  readonly timeoutMs: number;
  readonly ClientClass: new (config: ClientConfig) => Client;
}

const ignore = () => {};

export function createListenConnector(config: ListenConnectorConfig): () => Promise<ListenConnection> {
  const listen = `LISTEN ${quoteIdent(config.channel, "channel")}`;
  const timeoutError = () => new Error(`LISTEN connection timed out after ${config.timeoutMs} ms`);

  const ownClient = async (connectionString: string): Promise<ListenConnection> => {
    const client = new config.ClientClass({
      connectionString,
      connectionTimeoutMillis: config.timeoutMs,
      query_timeout: config.timeoutMs,
      keepAlive: true,
      application_name: "zoomkit-store-listen",
    });
    // Until the notifier attaches its own handler, an `error` event must not crash the process.
    client.on("error", ignore);
    const dispose = () => {
      client.end().catch(ignore);
    };
    try {
      await withDeadline(
        client.connect().then(() => client.query(listen)),
        config.timeoutMs * 2,
        timeoutError,
      );
    } catch (error) {
      dispose();
      throw error;
    }
    return { client, dispose };
  };

  const pooledClient = async (): Promise<ListenConnection> => {
    let timedOut = false;
    const connecting = config.pool.connect();
    connecting.then((c) => timedOut && c.release(true)).catch(ignore);
    const client: PoolClient = await withDeadline(connecting, config.timeoutMs, () => {
      timedOut = true;
      return timeoutError();
    });
    client.on("error", ignore);
    let released = false;
    // Destroyed, never returned: a pooled connection must not keep LISTENing for someone else.
    const dispose = () => {
      if (released) return;
      released = true;
      client.removeListener("error", ignore);
      client.release(true);
    };
    try {
      await client.query(timed(listen, [], config.timeoutMs));
    } catch (error) {
      dispose();
      throw error;
    }
    return { client, dispose };
  };

  return () => (config.connectionString ? ownClient(config.connectionString) : pooledClient());
}
