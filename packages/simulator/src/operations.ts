/**
 * The operations of the project's OpenAPI document, as the simulator's routes use them: each route names
 * its operation id and the guard reads the rate-limit category and the scopes from the document's
 * `x-rate-limit-category` and `x-scopes` (through `generated/operations.ts`, drift-checked).
 */
import { operationTable } from "./generated/operations.js";

export type OperationId = (typeof operationTable)[number]["operationId"];
export type RateCategory = (typeof operationTable)[number]["category"];

export interface OperationInfo {
  id: OperationId;
  method: string;
  path: string;
  category: RateCategory;
  /** Holding any one of these allows the call (classic scopes first, then granular ones). */
  scopes: readonly string[];
  /** The scope a 4711 answer names: the first classic admin scope (what S2S apps hold), else the first. */
  scope: string;
}

const byId = new Map<string, OperationInfo>(
  operationTable.map((op) => [
    op.operationId,
    {
      id: op.operationId,
      method: op.method,
      path: op.path,
      category: op.category,
      scopes: op.scopes,
      scope: op.scopes.find((s) => s.endsWith(":admin")) ?? op.scopes[0],
    },
  ]),
);

/** Every operation of the document. */
export const OPERATIONS: readonly OperationInfo[] = [...byId.values()];

/** An operation by id; throws for an id the document does not have (a route typo fails at start). */
export function operationInfo(id: OperationId): OperationInfo {
  const info = byId.get(id);
  if (!info) throw new TypeError(`The OpenAPI document has no operation ${id}`);
  return info;
}
