/** Secrets the service makes up itself: an API key when none is configured, the embedded webhook secret. */
import { randomBytes } from "node:crypto";

/** A random secret for generated API keys and the embedded webhook secret. */
export function generateSecret(): string {
  return randomBytes(24).toString("base64url");
}
