/** Which Zoom an app talks to, and how that becomes `createZoomClient` options. */
import type { ZoomClientOptions } from "@zoomkit/core";
import type { ZoomConfig } from "./config.js";
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

/** The credential and endpoint options of `createZoomClient` for `zoom`. */
export function zoomClientOptions(
  zoom: ZoomConfig,
): Pick<ZoomClientOptions, "accountId" | "clientId" | "clientSecret" | "baseUrl" | "oauthUrl"> {
  return {
    accountId: zoom.accountId,
    clientId: zoom.clientId,
    clientSecret: zoom.clientSecret,
    baseUrl: zoom.apiUrl,
    oauthUrl: zoom.oauthUrl,
  };
}
