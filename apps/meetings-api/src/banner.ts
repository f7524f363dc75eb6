/**
 * The embedded-mode banner: what runs, where, the generated API key, and commands to paste. It goes to
 * stdout as plain text (not a log line) because it is for the person at the terminal; in real mode no
 * banner is printed and no key is ever shown.
 */

/** What the banner shows. */
export interface BannerInfo {
  url: string;
  apiKey: string;
  host: string;
  simulatorUrl: string;
  store: string;
  /** Start time for the example meeting (ISO-8601). */
  startTime: string;
}

/**
 * The lines of the banner. Each command is one line, so it still copies cleanly when a runner (turbo)
 * prefixes every output line with the task's name.
 */
export function formatBanner(info: BannerInfo): string {
  const body = JSON.stringify({
    host: info.host,
    topic: "Hello from zoomkit",
    startTime: info.startTime,
    duration: 30,
  });
  const rule = "-".repeat(78);
  return [
    rule,
    "meetings-api is running on the embedded Zoom simulator (no Zoom credentials are configured).",
    "",
    `  URL:        ${info.url}`,
    `  API key:    ${info.apiKey}`,
    `  Zoom:       simulator at ${info.simulatorUrl} (seeded host ${info.host})`,
    `  Store:      ${info.store}`,
    "",
    "Create a meeting:",
    "",
    `  curl -sS -X POST ${info.url}/meetings -H 'Authorization: Bearer ${info.apiKey}' -H 'Content-Type: application/json' -d '${body}'`,
    "",
    "Delete it (MEETING_ID is the `id` in the answer above):",
    "",
    `  curl -sS -X DELETE ${info.url}/meetings/MEETING_ID -H 'Authorization: Bearer ${info.apiKey}'`,
    "",
    "Set ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET and API_KEYS to use your Zoom account.",
    "Ctrl-C stops the service.",
    rule,
    "",
  ].join("\n");
}
