/** Which Zoom an app talks to, and how that becomes `createZoomClient` options. */
import type { ZoomConfig } from "@zoomkit/env";
import { generateTokenKey } from "@zoomkit/env";
import type { EmbeddedZoom } from "./embedded.js";

/**
 * The configured Zoom, or (with none configured) an embedded simulator started by `startEmbedded`.
 * `embedded` is set exactly when the simulator runs, and the caller closes it.
 *
 * @example
 * const { zoom, embedded } = await resolveZoom(config.zoom, () => startEmbeddedZoom());
 */
export async function resolveZoom<Embedded extends EmbeddedZoom>(
  configured: ZoomConfig | undefined,
  startEmbedded: () => Promise<Embedded>,
): Promise<{ zoom: ZoomConfig; embedded: Embedded | undefined }> {
  if (configured) return { zoom: configured, embedded: undefined };
  const embedded = await startEmbedded();
  return { zoom: embedded.zoom, embedded };
}

/**
 * The keys to seal token records with: `ZOOMKIT_TOKEN_KEY`'s, or with none set in embedded mode a fresh
 * one (the embedded simulator's tokens die with the process, so no other process needs to open them).
 * Real mode on the memory store may run without a key: its records never leave the process.
 */
export function tokenKeysFor(configured: readonly string[], embedded: boolean): string[] {
  if (configured.length > 0 || !embedded) return [...configured];
  return [generateTokenKey()];
}
