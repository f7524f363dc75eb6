/**
 * Webhook delivery the way Zoom signs it (FACTS.md, "Webhooks"): `x-zm-request-timestamp` in seconds and
 * `x-zm-signature: v0=` + hex HMAC-SHA256(secretToken, `v0:{timestamp}:{raw body}`), over the exact bytes
 * sent. One attempt per event: Zoom's retries come minutes later, which no test waits for.
 */
import { createHmac, randomBytes } from "node:crypto";
import type { Counters } from "./state/stats.js";
import type { WebhookTarget } from "./switches.js";
import type { UrlValidationResult } from "./types.js";
import type { EventPayload } from "./webhook-events.js";

/** Zoom gives an endpoint 3 seconds to answer. */
const DELIVERY_TIMEOUT_MS = 3_000;

export interface WebhookDeps {
  target: () => WebhookTarget | null;
  counters: Counters;
  now: () => number;
}

/**
 * Zoom's webhook signature: `v0=` + hex HMAC-SHA256(secretToken, `v0:{timestamp}:{rawBody}`).
 *
 * @example
 * ```ts
 * const expected = signWebhook(secret, req.headers["x-zm-request-timestamp"], rawBody);
 * ```
 */
export function signWebhook(secretToken: string, timestamp: string, rawBody: string): string {
  return `v0=${createHmac("sha256", secretToken).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}

export class Webhooks {
  private readonly pending = new Set<Promise<void>>();

  private readonly deps: WebhookDeps;

  constructor(deps: WebhookDeps) {
    this.deps = deps;
  }

  /**
   * Sends an event in the background when a target is configured; `idle()` waits for it. `extra` are
   * fields beside `payload` (`recording.completed`'s `download_token`). Deliveries run concurrently, so
   * events sent together may arrive in any order, as Zoom's may.
   */
  emit(event: string, payload: EventPayload, extra: Record<string, unknown> = {}): void {
    const target = this.deps.target();
    if (!target) return;
    const body = { event, event_ts: this.deps.now(), payload, ...extra };
    const delivery = this.post(target, body)
      .then((response) => {
        this.deps.counters.delivery({ event, status: response.status, ok: response.ok });
      })
      .catch((error: unknown) => {
        this.deps.counters.delivery({ event, status: null, ok: false, error: describe(error) });
      })
      .finally(() => this.pending.delete(delivery));
    this.pending.add(delivery);
  }

  /**
   * Sends `endpoint.url_validation` and checks the answer: 200 with the same `plainToken` and
   * `encryptedToken` = hex HMAC-SHA256(secretToken, plainToken).
   */
  async sendUrlValidation(): Promise<UrlValidationResult> {
    const target = this.deps.target();
    if (!target) return { ok: false, status: null, reason: "no webhook target is configured" };
    const plainToken = randomBytes(16).toString("base64url");
    const expected = createHmac("sha256", target.secretToken).update(plainToken).digest("hex");
    const body = { event: "endpoint.url_validation", event_ts: this.deps.now(), payload: { plainToken } };
    const result = await this.post(target, body).then(
      async (response) => check(response, plainToken, expected),
      (error: unknown): UrlValidationResult => ({ ok: false, status: null, reason: describe(error) }),
    );
    if (result.ok) this.deps.counters.urlValidations.passed += 1;
    else this.deps.counters.urlValidations.failed += 1;
    return result;
  }

  /** Resolves once every delivery started so far has finished. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private async post(target: WebhookTarget, body: unknown): Promise<Response> {
    const raw = JSON.stringify(body);
    const timestamp = String(Math.floor(this.deps.now() / 1000));
    return fetch(target.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Zoom Marketplace/1.0a",
        "x-zm-request-timestamp": timestamp,
        "x-zm-signature": signWebhook(target.secretToken, timestamp, raw),
      },
      body: raw,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
  }
}

async function check(response: Response, plainToken: string, expected: string): Promise<UrlValidationResult> {
  const status = response.status;
  if (status !== 200) return { ok: false, status, reason: `answered HTTP ${status}, expected 200` };
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    return { ok: false, status, reason: "answer is not JSON" };
  }
  const record = typeof json === "object" && json !== null ? (json as Record<string, unknown>) : {};
  if (record.plainToken !== plainToken) return { ok: false, status, reason: "plainToken does not match" };
  if (record.encryptedToken !== expected) return { ok: false, status, reason: "encryptedToken is wrong" };
  return { ok: true, status };
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.name === "TimeoutError" ? "timed out after 3 s" : error.message;
  return String(error);
}
