/**
 * The dedicated pub/sub connection behind `waitForChange` (a connection in subscribe mode can run no
 * other command). Created on the first wait, as a duplicate of the command client, and always
 * closed by the store. When it cannot connect, waiters poll instead, and it is retried only after a
 * pause, so a dead server is not hammered by every waiter.
 */
import type { Connection } from "./connection.js";

type Listener = (message: string, channel: string) => void;

interface SubscriberClient {
  readonly isOpen: boolean;
  on(event: "error", listener: (error: unknown) => void): unknown;
  connect(): Promise<unknown>;
  subscribe(channel: string, listener: Listener): Promise<void>;
  unsubscribe(channel: string, listener: Listener): Promise<void>;
  destroy(): void;
}

/** After a failure to connect or subscribe, waiters poll for this long before pub/sub is tried again. */
const RETRY_AFTER_MS = 5000;

/** Subscriptions of one store, on one connection. */
export class Subscriber {
  private client: SubscriberClient | undefined;
  private connecting: Promise<SubscriberClient> | undefined;
  private failedAt = Number.NEGATIVE_INFINITY;
  private closed = false;

  private readonly connection: Connection;
  private readonly timeoutMs: number;

  constructor(connection: Connection, timeoutMs: number) {
    this.connection = connection;
    this.timeoutMs = timeoutMs;
  }

  /**
   * Calls `listener` on every message on `channel`. Resolves a function that stops listening, or
   * `undefined` when pub/sub is unavailable right now (the caller polls).
   */
  async listen(channel: string, listener: Listener): Promise<(() => void) | undefined> {
    if (this.closed || Date.now() - this.failedAt < RETRY_AFTER_MS) return undefined;
    try {
      const client = await this.bounded("subscribe", this.connect());
      await this.bounded("subscribe", client.subscribe(channel, listener));
      return () => {
        if (!client.isOpen) return;
        client.unsubscribe(channel, listener).catch((error: unknown) => {
          this.connection.report("unsubscribe", error);
        });
      };
    } catch (error) {
      this.failedAt = Date.now();
      this.connection.report("subscribe", error);
      void this.drop();
      return undefined;
    }
  }

  /**
   * Connects ahead of the first wait, in the background: waits happen at refresh time, the moment
   * when a connect round trip costs most. A failure only means the first waiter polls.
   */
  warm(): void {
    if (this.closed || this.client !== undefined || this.connecting !== undefined) return;
    if (Date.now() - this.failedAt < RETRY_AFTER_MS) return;
    this.bounded("subscribe", this.connect()).catch((error: unknown) => {
      this.failedAt = Date.now();
      this.connection.report("subscribe", error);
      void this.drop();
    });
  }

  /**
   * Closes the subscriber connection (the store opened it, also for an injected client); resolves once
   * it is closed, a connect in flight included.
   */
  close(): Promise<void> {
    this.closed = true;
    return this.drop();
  }

  private async connect(): Promise<SubscriberClient> {
    if (this.client !== undefined && this.connecting === undefined) return this.client;
    this.connecting ??= (async () => {
      const client = this.connection.client().duplicate() as SubscriberClient;
      client.on("error", (error) => this.connection.report("subscriber", error));
      this.client = client;
      await client.connect();
      return client;
    })().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async drop(): Promise<void> {
    const client = this.client;
    const connecting = this.connecting;
    this.client = undefined;
    if (client === undefined) return;
    // node-redis holds a socket only once it has connected: destroy() while a connect is in flight
    // misses the socket being opened, which then stays open and keeps the process alive. So the
    // connect is let finish first (bounded: a dead server is given up on, which ends its retries).
    if (connecting !== undefined) await this.bounded("close", connecting).catch(() => undefined);
    if (client.isOpen) client.destroy();
  }

  private async bounded<T>(operation: string, work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${operation} timed out after ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
