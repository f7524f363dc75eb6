/**
 * `@zoomkit/core/webhooks`: verify Zoom's webhook requests over their raw bodies, answer URL
 * validation, handle each event once across Zoom's retries, and sign bodies for tests and simulators.
 */
export type { DeliveryOutcome, WebhookDeliveries, WebhookDeliveriesOptions } from "./deliveries.js";
export { createWebhookDeliveries, webhookEventId } from "./deliveries.js";
export type { ZoomWebhookErrorCode } from "./errors.js";
export { ZoomWebhookError } from "./errors.js";
export type {
  ZoomCreatedPayload,
  ZoomDeletedPayload,
  ZoomEvent,
  ZoomEventId,
  ZoomEventMeeting,
  ZoomEventName,
  ZoomEventOf,
  ZoomEventPayloads,
  ZoomEventRecordingFile,
  ZoomEventRegistrant,
  ZoomRecordingCompletedPayload,
  ZoomRegistrationPayload,
  ZoomSessionPayload,
  ZoomUpdatedPayload,
  ZoomUrlValidationPayload,
} from "./events.js";
export { isZoomEvent, ZOOM_EVENT_NAMES } from "./events.js";
export type { RawBody } from "./signature.js";
export { signZoomWebhook } from "./signature.js";
export type { UrlValidationAnswer } from "./url-validation.js";
export { answerUrlValidation } from "./url-validation.js";
export type { VerifyZoomWebhookOptions, WebhookHeaders, ZoomWebhookEvent } from "./verify.js";
export { verifyZoomWebhook } from "./verify.js";
