// The README's webhook example, type-checked by `pnpm typecheck`. In your project, import from
// "@zoomkit/core" and "@zoomkit/core/webhooks".
import { createMemoryStore } from "../src/index.js";
import {
  answerUrlValidation,
  createWebhookDeliveries,
  verifyZoomWebhook,
  ZoomWebhookError,
} from "../src/webhooks/index.js";

const secretTokens = (process.env.ZOOM_WEBHOOK_SECRET_TOKEN ?? "").split(","); // new first, then the old one
const deliveries = createWebhookDeliveries({ store: createMemoryStore() }); // the client's shared store in a fleet
declare function onMeetingEvent(event: { event: string; payload: unknown }): Promise<void>;

export async function handleZoomWebhook(request: Request): Promise<Response> {
  let event: ReturnType<typeof verifyZoomWebhook>;
  try {
    event = verifyZoomWebhook({
      secretToken: secretTokens,
      rawBody: new Uint8Array(await request.arrayBuffer()),
      headers: request.headers,
    });
    if (event.event === "endpoint.url_validation")
      return Response.json(answerUrlValidation(event, secretTokens));
  } catch (error) {
    if (!(error instanceof ZoomWebhookError)) throw error;
    // Not from Zoom, or not an event: 4xx, which Zoom does not retry.
    return Response.json({ error: error.code }, { status: error.code === "malformed_body" ? 400 : 401 });
  }
  try {
    const { outcome } = await deliveries.handleOnce(event, () => onMeetingEvent(event));
    // in_progress: another delivery of this event is being handled; 503 makes Zoom deliver it again later.
    return outcome === "in_progress"
      ? new Response(null, { status: 503 })
      : new Response(null, { status: 204 });
  } catch {
    return new Response(null, { status: 500 }); // the handler failed: Zoom delivers the event again
  }
}
