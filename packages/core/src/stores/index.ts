// Helpers for TokenStore implementations (ours and third-party ones): the waiter behind
// `waitForChange`, a per-key registry of waiters, and the store error base with redaction.
export type { GenerationListeners } from "./generation-listeners.js";
export { createGenerationListeners } from "./generation-listeners.js";
export type { Redactor } from "./store-error.js";
export { createRedactor, StoreError } from "./store-error.js";
export type {
  GenerationListener,
  GenerationNotifications,
  GenerationProbe,
  PollBackoff,
  WaitForGenerationOptions,
} from "./wait-for-generation.js";
export { waitForGeneration } from "./wait-for-generation.js";
