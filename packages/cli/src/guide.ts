/** The troubleshooting guide's sections, as `see <link>` for a fix line. */
import { troubleshootingLink } from "@zoomkit/core";

export function see(section: string): string {
  return `see ${troubleshootingLink(section)}`;
}
