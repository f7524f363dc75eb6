/**
 * One dedicated LISTEN connection per store, opened while someone waits and re-established with
 * backoff after a loss. Writes send `pg_notify(channel, "<generation> <key>")` in the same statement,
 * so a notification is delivered exactly when the change commits. Notifications can be missed while
 * the connection is down, so the waiters re-check every key when it comes back (see `waiters.ts`).
 */
import type { ClientBase, Notification } from "pg";

/** An open connection that has run LISTEN on the channel. `dispose` closes or destroys it. */
export interface ListenConnection {
  readonly client: ClientBase;
  dispose(): void;
}

export interface NotifierConfig {
  readonly channel: string;
  /** Opens a connection and runs LISTEN; bounded by the store's timeout. */
  readonly connect: () => Promise<ListenConnection>;
  /** A change committed: `generation` 0 means the record was deleted. */
  readonly onChange: (key: string, generation: number) => void;
  /** The connection is (again) listening: changes made meanwhile were not announced. */
  readonly onReady: () => void;
  /** Close the connection after this long without waiters. @default 30_000 */
  readonly idleCloseMs?: number;
}

export interface Notifier {
  /** True while LISTEN is active, so waiters may poll slowly. */
  readonly ready: boolean;
  /** A waiter starts: open the connection if needed. */
  hold(): void;
  /** A waiter ended. */
  unhold(): void;
  close(): void;
}

const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5_000;

export function createNotifier(config: NotifierConfig): Notifier {
  let conn: ListenConnection | undefined;
  let connecting = false;
  let closed = false;
  let holders = 0;
  let failures = 0;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let idleTimer: NodeJS.Timeout | undefined;

  const onNotification = (message: Notification) => {
    if (message.channel !== config.channel || !message.payload) return;
    const space = message.payload.indexOf(" ");
    const generation = Number(message.payload.slice(0, space));
    if (space < 1 || !Number.isSafeInteger(generation)) return;
    config.onChange(message.payload.slice(space + 1), generation);
  };

  const drop = () => {
    const c = conn;
    if (!c) return;
    conn = undefined;
    c.client.removeListener("notification", onNotification);
    c.client.removeListener("error", lost);
    c.client.removeListener("end", lost);
    c.dispose();
  };

  function lost() {
    drop();
    scheduleReconnect();
  }

  const scheduleReconnect = () => {
    if (closed || holders === 0 || reconnectTimer) return;
    const delay = Math.min(RECONNECT_MIN_MS * 2 ** failures, RECONNECT_MAX_MS);
    failures += 1;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      open();
    }, delay);
    reconnectTimer.unref();
  };

  const open = () => {
    if (closed || conn || connecting || holders === 0) return;
    connecting = true;
    config.connect().then(
      (c) => {
        connecting = false;
        if (closed || holders === 0) {
          c.dispose();
          return;
        }
        conn = c;
        failures = 0;
        c.client.on("notification", onNotification);
        c.client.on("error", lost);
        c.client.on("end", lost);
        config.onReady();
      },
      () => {
        connecting = false;
        scheduleReconnect();
      },
    );
  };

  return {
    get ready() {
      return conn !== undefined;
    },
    hold() {
      holders += 1;
      clearTimeout(idleTimer);
      idleTimer = undefined;
      open();
    },
    unhold() {
      holders = Math.max(0, holders - 1);
      if (holders > 0 || closed) return;
      // Keep the connection a while: waits come in bursts (one per lease hand-over).
      idleTimer = setTimeout(drop, config.idleCloseMs ?? 30_000);
      idleTimer.unref();
    },
    close() {
      closed = true;
      clearTimeout(reconnectTimer);
      clearTimeout(idleTimer);
      drop();
    },
  };
}
