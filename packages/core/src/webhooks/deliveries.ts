/**
 * Webhook events handled at least once and never twice. Zoom delivers again after a 5xx or a network
 * failure (at +5, +20 and +60 min), each time with a new timestamp and signature, so a delivery is
 * recognised by the event itself: its name, its `event_ts` and its payload. A shared store keeps a mark
 * per event, in two steps, with the `TokenStore` operations every store already passes:
 * - claim: `compareAndSet(key, 0, ...)` is set-if-absent, so of two deliveries of one event (a retry
 *   racing a slow first attempt, or two replicas) exactly one runs the handler;
 * - on success the claim becomes a `handled` mark kept for `retainMs`, past Zoom's last retry; on
 *   failure `compareAndDelete` releases it, so Zoom's next delivery runs the handler again.
 * When the store cannot be reached the handler runs unchecked: a possible duplicate beats a lost event.
 */
import { createHash, randomUUID } from "node:crypto";
import type { TokenStore } from "../stores/contract.js";
import type { ZoomWebhookEvent } from "./verify.js";

/** Options of `createWebhookDeliveries`. */
export interface WebhookDeliveriesOptions {
  /** Where marks are shared: the token store the client uses serves (each mark is a few bytes). */
  store: TokenStore;
  /** Prefix of the marks' keys. @default "zoomkit:webhook:" */
  keyPrefix?: string;
  /** How long a handled event is remembered; longer than Zoom's retries (+5, +20, +60 min). @default 10_800_000 (3 h) */
  retainMs?: number;
  /**
   * How long a claim holds while the handler runs. A delivery of the same event meanwhile is answered
   * `in_progress`; a claim left by a process that died frees the event after this. A handler that runs
   * longer may see its event run again. @default 600_000 (10 min)
   */
  claimMs?: number;
  /** Timeout of one store call; past it the handler runs unchecked. @default 2_000 */
  storeTimeoutMs?: number;
}

/** What `handleOnce` did with a delivery. */
export type DeliveryOutcome =
  /** The handler ran and succeeded. `checked: false`: the store was unavailable, so no duplicate check was made. */
  | { outcome: "handled"; checked: boolean }
  /** The event was handled before: acknowledge it without running the handler. */
  | { outcome: "duplicate" }
  /** Another delivery of the event is being handled right now: answer 5xx so Zoom delivers it later. */
  | { outcome: "in_progress" };

/** Runs each webhook event's handler once across deliveries and processes. */
export interface WebhookDeliveries {
  /**
   * Runs `handle` unless `event` was handled already or is being handled. When `handle` throws, the
   * claim is released and the error rethrown: answer 5xx so that Zoom delivers the event again.
   */
  handleOnce(event: ZoomWebhookEvent<unknown>, handle: () => unknown): Promise<DeliveryOutcome>;
}

const CLAIMED = "claimed";
const HANDLED = "handled";

/**
 * The identity of an event across deliveries: SHA-256 of its name, `event_ts` and payload as received
 * (Zoom resends the same body; the timestamp and signature headers are what change).
 *
 * @example
 * webhookEventId({ event: "meeting.started", event_ts: 1700000000000, payload: { object: { id: 1 } } });
 */
export function webhookEventId(event: ZoomWebhookEvent<unknown>): string {
  return createHash("sha256")
    .update(JSON.stringify([event.event, event.event_ts ?? null, event.payload]))
    .digest("hex");
}

/**
 * Creates the de-duplicating runner over `store`.
 *
 * @example
 * const deliveries = createWebhookDeliveries({ store });
 * const { outcome } = await deliveries.handleOnce(event, () => onMeetingEvent(event));
 */
export function createWebhookDeliveries(options: WebhookDeliveriesOptions): WebhookDeliveries {
  const { store } = options;
  const keyPrefix = options.keyPrefix ?? "zoomkit:webhook:";
  const retainMs = options.retainMs ?? 3 * 60 * 60_000;
  const claimMs = options.claimMs ?? 10 * 60_000;
  const timeoutMs = options.storeTimeoutMs ?? 2_000;
  const call = <T>(run: () => Promise<T>): Promise<T | typeof UNAVAILABLE> => bounded(run, timeoutMs);

  return {
    async handleOnce(event, handle) {
      const key = `${keyPrefix}${webhookEventId(event)}`;
      const tag = randomUUID();
      const claim = await call(() => store.compareAndSet(key, 0, { value: CLAIMED, tag }, claimMs));
      if (claim === UNAVAILABLE) {
        await handle();
        return { outcome: "handled", checked: false };
      }
      if (claim === null) {
        const existing = await call(() => store.get(key));
        if (existing !== UNAVAILABLE && existing?.value === HANDLED) return { outcome: "duplicate" };
        // Claimed by another delivery, or released or expired a moment ago: either way Zoom delivers again.
        return { outcome: "in_progress" };
      }
      try {
        await handle();
      } catch (error) {
        await call(() => store.compareAndDelete(key, tag));
        throw error;
      }
      const mark = await call(() =>
        store.compareAndSet(key, claim.generation, { value: HANDLED, tag }, retainMs),
      );
      return { outcome: "handled", checked: mark !== UNAVAILABLE && mark !== null };
    },
  };
}

const UNAVAILABLE: unique symbol = Symbol("store unavailable");

/** `run()`'s result, or `UNAVAILABLE` when it fails or takes longer than `ms`. */
async function bounded<T>(run: () => Promise<T>, ms: number): Promise<T | typeof UNAVAILABLE> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<typeof UNAVAILABLE>((resolve) => {
    timer = setTimeout(() => resolve(UNAVAILABLE), ms);
  });
  try {
    return await Promise.race([Promise.resolve().then(run), timeout]);
  } catch {
    return UNAVAILABLE;
  } finally {
    clearTimeout(timer);
  }
}
