/**
 * The credentials are shaped right: Zoom's account ids, client ids and secrets are URL-safe characters
 * without blanks or quotes. A value pasted with a quote, a space or a line break is the commonest reason
 * for 4700/4704 that the Marketplace page cannot explain. Never prints a value, only what is wrong.
 */
import type { ZoomConfig } from "@zoomkit/env";
import { see } from "../guide.js";
import type { CheckResult } from "../report.js";

const SHAPE = /^[A-Za-z0-9_-]+$/;

function problem(name: string, value: string): string | undefined {
  if (/\s/.test(value)) return `${name} contains a blank or a line break`;
  if (/["'`]/.test(value)) return `${name} contains a quote`;
  if (!SHAPE.test(value)) return `${name} has characters Zoom never uses (only letters, digits, - and _)`;
  return undefined;
}

export function checkCredentials(zoom: ZoomConfig): CheckResult {
  const problems = [
    problem("ZOOM_ACCOUNT_ID", zoom.accountId),
    problem("ZOOM_CLIENT_ID", zoom.clientId),
    problem("ZOOM_CLIENT_SECRET", zoom.clientSecret),
  ].filter((p): p is string => p !== undefined);
  if (problems.length > 0) {
    return {
      id: "credentials",
      status: "fail",
      summary: problems.join("; "),
      fix: `copy the values again from the app's App Credentials page in the Zoom App Marketplace; ${see("invalid_credentials")}`,
    };
  }
  return {
    id: "credentials",
    status: "pass",
    summary: `account ${zoom.accountId}, client ${zoom.clientId}, secret set (${zoom.clientSecret.length} characters)`,
  };
}
