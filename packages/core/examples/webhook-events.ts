// The README's example, type-checked by `pnpm typecheck`. In your project, import from
// "@zoomkit/core/webhooks".
import { isZoomEvent, type ZoomWebhookEvent } from "../src/webhooks/index.js";

export function onZoomEvent(event: ZoomWebhookEvent): void {
  if (!isZoomEvent(event)) return; // an event zoomkit does not describe: event.payload stays untyped
  switch (event.event) {
    case "meeting.ended":
      console.log(`meeting ${event.payload.object.id} ended at ${event.payload.object.end_time}`);
      break;
    case "webinar.registration_created":
      console.log(`${event.payload.object.registrant.email} registered for ${event.payload.object.topic}`);
      break;
    case "recording.completed":
      for (const file of event.payload.object.recording_files ?? []) console.log(file.download_url);
      break;
  }
}
