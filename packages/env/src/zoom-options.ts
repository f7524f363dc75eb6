/** How a `ZoomConfig` and the token keys become `createZoomClient` (or `createTokenProvider`) options. */
import type { ZoomClientOptions } from "@zoomkit/core";
import type { ZoomConfig } from "./config.js";

/**
 * The credential, endpoint and encryption options of `createZoomClient` for `zoom`.
 *
 * @example
 * const client = createZoomClient({ ...zoomClientOptions(zoom, tokenKeysFor(config.tokenKeys, !!embedded)), store });
 */
export function zoomClientOptions(
  zoom: ZoomConfig,
  tokenKeys: readonly string[] = [],
): Pick<
  ZoomClientOptions,
  "accountId" | "clientId" | "clientSecret" | "baseUrl" | "oauthUrl" | "encryptionKey"
> {
  return {
    accountId: zoom.accountId,
    clientId: zoom.clientId,
    clientSecret: zoom.clientSecret,
    baseUrl: zoom.apiUrl,
    oauthUrl: zoom.oauthUrl,
    // Every key: the first seals, the others open records sealed before a rotation.
    ...(tokenKeys.length === 0 ? {} : { encryptionKey: [...tokenKeys] }),
  };
}
