/**
 * The store's command connection: keyv's Redis adapter owns the client (URL parsing, reconnect
 * strategy, cluster), this module adds what a token store needs on top: one connect attempt at a
 * time, a hard timeout on every operation, and errors that name the store, the operation and the
 * server but never a password: messages are redacted, and a driver's error is kept as `cause` only
 * as a sanitised copy (node-redis errors can carry the client and its options).
 */
import KeyvRedis, { defaultReconnectStrategy } from "@keyv/redis";
import { createConnectionRedactor, type Redactor, sanitizeCause } from "@zoomkit/core";
import { describeServer, RedisStoreError } from "./errors.js";
import type { RedisStoreOptions } from "./options.js";
import type { ScriptRunner } from "./scripts.js";

/** What the store uses of a node-redis client or cluster (both have all of it). */
export interface RedisCommandClient extends ScriptRunner {
  readonly isOpen: boolean;
  on(event: "error", listener: (error: unknown) => void): unknown;
  withCommandOptions(options: { abortSignal?: AbortSignal }): ScriptRunner;
  duplicate(): unknown;
  destroy(): void;
}

/** A connect attempt failed; `cause` is the client's last error. Shared by every operation waiting on it. */
class ConnectFailed extends Error {
  constructor(cause: unknown) {
    super("connect failed", { cause });
  }
}

/** The command connection of one store. */
export class Connection {
  readonly adapter: KeyvRedis<string>;
  /** `host:port` of the server (or "injected client"): safe for messages. */
  readonly server: string;
  private readonly redact: Redactor;
  private readonly owned: boolean;
  private readonly timeoutMs: number;
  private readonly onError: ((error: RedisStoreError) => void) | undefined;
  private connecting: Promise<RedisCommandClient> | undefined;
  private lastError: unknown;
  private closed = false;

  constructor(options: RedisStoreOptions, timeoutMs: number) {
    this.redact = createConnectionRedactor([options.url]);
    this.server = describeServer(options.url);
    this.timeoutMs = timeoutMs;
    this.onError = options.onError;
    // keyv's adapter swallows command errors unless told otherwise; the store runs its own commands,
    // but turn it off anyway so nothing done through the adapter can fail silently.
    const adapterOptions = { throwOnErrors: true, throwOnConnectError: true, connectionTimeout: timeoutMs };
    if (options.url !== undefined) {
      this.owned = true;
      this.adapter = new KeyvRedis<string>(
        {
          ...options.clientOptions,
          url: options.url,
          socket: {
            reconnectStrategy: defaultReconnectStrategy,
            connectTimeout: timeoutMs,
            ...options.clientOptions?.socket,
          },
        },
        adapterOptions,
      );
    } else {
      this.owned = false;
      this.adapter = new KeyvRedis<string>(options.client, adapterOptions);
    }
    // Without a listener these events would crash the process. The client's own last error (not
    // keyv's generic "timed out") is what a timeout message should name.
    this.adapter.on("error", (error: unknown) => this.report("connection", error));
    this.client().on("error", (error: unknown) => {
      this.lastError = error;
    });
    this.adapter.on("connect", () => {
      this.lastError = undefined;
    });
  }

  /** The client for commands: connected, or reconnecting (commands then wait, bounded by timeouts). */
  client(): RedisCommandClient {
    return this.adapter.client as unknown as RedisCommandClient;
  }

  /**
   * Runs `fn` with a connected client, bounded by the store's timeout. On timeout, commands not yet
   * sent are withdrawn (abort signal), so a dead server does not receive a backlog when it returns.
   */
  async run<T>(operation: string, fn: (client: ScriptRunner) => Promise<T>): Promise<T> {
    if (this.closed) {
      throw new RedisStoreError("store_closed", operation, `redis store: ${operation} called after close()`);
    }
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(this.timeoutError(operation));
      }, this.timeoutMs);
    });
    const work = (async () => {
      const client = await this.connected();
      return fn(client.withCommandOptions({ abortSignal: controller.signal }));
    })();
    try {
      return await Promise.race([work, timeout]);
    } catch (error) {
      if (error instanceof RedisStoreError) throw error;
      if (error instanceof ConnectFailed) {
        throw new RedisStoreError(
          "store_unavailable",
          operation,
          `redis store (${this.server}): ${operation} could not connect: ${this.describe(error.cause)}; check the URL, credentials and that Redis is up`,
          { cause: sanitizeCause(error.cause, this.redact) },
        );
      }
      throw this.failure(operation, error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Reports a background error to `onError` (never throws). */
  report(operation: string, error: unknown): void {
    if (this.onError === undefined || this.closed) return;
    try {
      this.onError(error instanceof RedisStoreError ? error : this.failure(operation, error));
    } catch {
      // A throwing hook must not break the connection's event handling.
    }
  }

  /** An error for `operation` that names the server and says what happened, without secrets. */
  failure(operation: string, error: unknown): RedisStoreError {
    return new RedisStoreError(
      "store_error",
      operation,
      `redis store (${this.server}): ${operation} failed: ${this.describe(error)}`,
      { cause: sanitizeCause(error, this.redact) },
    );
  }

  /** Closes the client if the store created it; an injected client stays as it is. */
  async close(): Promise<void> {
    this.closed = true;
    if (!this.owned) return;
    // As for the subscriber: a socket still being opened would escape destroy(). keyv's adapter gives
    // the connect up after the timeout, so this wait is bounded.
    await this.connecting?.catch(() => undefined);
    const client = this.client();
    // destroy(), not close(): close() waits for queued commands, which never finish without a server.
    if (client.isOpen) client.destroy();
  }

  private timeoutError(operation: string): RedisStoreError {
    const last =
      this.lastError === undefined ? "" : ` (last connection error: ${this.describe(this.lastError)})`;
    return new RedisStoreError(
      "store_timeout",
      operation,
      `redis store (${this.server}): ${operation} timed out after ${this.timeoutMs} ms${last}; check that Redis is reachable and not overloaded`,
      this.lastError === undefined ? undefined : { cause: sanitizeCause(this.lastError, this.redact) },
    );
  }

  private describe(error: unknown): string {
    return this.redact(error instanceof Error ? error.message : String(error));
  }

  /** One connect attempt at a time; later callers share it. keyv's adapter gives up after the timeout. */
  private async connected(): Promise<RedisCommandClient> {
    const client = this.client();
    if (client.isOpen && this.connecting === undefined) return client;
    this.connecting ??= this.adapter.getClient().then(
      (connectedClient) => {
        this.connecting = undefined;
        this.lastError = undefined;
        return connectedClient as unknown as RedisCommandClient;
      },
      (error: unknown) => {
        this.connecting = undefined;
        // keyv's own message is generic; the client's last error says what actually went wrong.
        throw new ConnectFailed(this.lastError ?? error);
      },
    );
    return this.connecting;
  }
}
