/**
 * The token's scopes against the operations the services call: an operation is covered when the token
 * holds any one of its classic or granular scopes (`zoomOperations`, generated from the OpenAPI
 * document). Scopes are fixed when a token is minted, so a scope granted since needs a fresh token.
 */
import { type AccessToken, getZoomOperation, getZoomOperationById, type ZoomOperation } from "@zoomkit/core";
import { see } from "../guide.js";
import type { CheckResult } from "../report.js";

/** What the example apps call (meetings-api: create, get, delete; meetings-cron: list, delete). */
export const DEFAULT_OPERATIONS = ["meetingCreate", "meeting", "meetingDelete", "meetings"] as const;

/** An operation by operationId (`meetingCreate`) or as `METHOD /path/template`; `undefined` if unknown. */
export function resolveOperation(name: string): ZoomOperation | undefined {
  const byId = getZoomOperationById(name);
  if (byId) return byId;
  const match = /^([A-Za-z]+)\s+(\/\S*)$/.exec(name.trim());
  return match ? getZoomOperation(match[1]!, match[2]!) : undefined;
}

function accepted(op: ZoomOperation): string[] {
  return [...op.scopes.classic, ...(op.scopes.granular ?? [])];
}

export function checkScopes(token: AccessToken, operations: readonly ZoomOperation[]): CheckResult {
  const held = new Set(token.scopes);
  const missing = operations.filter((op) => !accepted(op).some((scope) => held.has(scope)));
  if (missing.length === 0) {
    return {
      id: "scopes",
      status: "pass",
      summary: `the token covers ${operations.map((op) => op.operationId).join(", ")}`,
    };
  }
  const needs = missing.map((op) => `${op.operationId} needs one of ${accepted(op).join(" / ")}`).join("; ");
  return {
    id: "scopes",
    status: "fail",
    summary: `the token lacks scopes: ${needs} (it has ${token.scopes.join(" ") || "none"})`,
    fix: `add the scope to the app in the Marketplace (Scopes), then \`zoomkit token drop\` so the fleet mints a token that carries it; ${see("missing-scopes-4711")}`,
  };
}
