/**
 * Where the troubleshooting guide lives (`docs/troubleshooting.md`), so every `ZoomAuthError` message
 * and the `zoomkit` CLI name the same section for the same cause. Each section is headed by the error
 * code it explains (`### app_rejected` has the anchor `#app_rejected`).
 */
export const TROUBLESHOOTING_GUIDE = "https://github.com/zoomkit/zoomkit/blob/main/docs/troubleshooting.md";

/**
 * The link to one section of the guide.
 *
 * @example
 * troubleshootingLink("app_rejected"); // ".../docs/troubleshooting.md#app_rejected"
 */
export function troubleshootingLink(section: string): string {
  return `${TROUBLESHOOTING_GUIDE}#${section}`;
}
