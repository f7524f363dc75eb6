/**
 * The operations zoomkit's OpenAPI document describes, at run time: each one's method, path template,
 * rate-limit category and scopes, generated from the document's `x-rate-limit-category` and `x-scopes`
 * (`src/generated/zoom-operations.ts`). Pacing reads the categories; scope diagnostics and
 * `zoomkit doctor` read the scopes.
 */
import { zoomOperationTable } from "./generated/zoom-operations.js";

/** Zoom's rate-limit labels: each has its own per-second (and for some, daily) limit per account. */
export type RateLimitCategory = "Light" | "Medium" | "Heavy" | "Resource-intensive";

/** The HTTP methods Zoom's REST API uses. */
export type ZoomMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** The scopes an operation needs; holding any one of a list is enough. */
export interface ZoomScopes {
  /** Classic scopes, as Zoom's description names them (e.g. `meeting:write:admin`, `meeting:write`). */
  readonly classic: readonly string[];
  /**
   * Granular scopes newer apps get (e.g. `meeting:write:meeting`, `meeting:write:meeting:admin`), or
   * `null` where no public source names them.
   */
  readonly granular: readonly string[] | null;
}

/** One operation of the document. */
export interface ZoomOperation {
  /** Zoom's operationId, e.g. `meetingCreate`. */
  readonly operationId: string;
  readonly method: ZoomMethod;
  /** The path template below the API base URL, e.g. `/users/{userId}/meetings`. */
  readonly path: string;
  readonly category: RateLimitCategory;
  readonly scopes: ZoomScopes;
}

/** The operationIds zoomkit's document describes. */
export type ZoomOperationId = (typeof zoomOperationTable)[number]["operationId"];

/**
 * Every operation of zoomkit's document, in document order.
 *
 * @example
 * const heavy = zoomOperations.filter((op) => op.category === "Heavy").map((op) => op.operationId);
 */
export const zoomOperations: readonly ZoomOperation[] = zoomOperationTable;

const byTemplate = new Map(zoomOperations.map((op) => [`${op.method} ${op.path}`, op]));
const byId = new Map(zoomOperations.map((op) => [op.operationId, op]));

/**
 * The operation for a method and a path template exactly as the document writes it.
 *
 * @example
 * getZoomOperation("POST", "/users/{userId}/meetings")?.category; // "Medium"
 */
export function getZoomOperation(method: string, pathTemplate: string): ZoomOperation | undefined {
  return byTemplate.get(`${method.toUpperCase()} ${pathTemplate}`);
}

/**
 * The operation with this operationId.
 *
 * @example
 * getZoomOperationById("meetingDelete")?.scopes.classic; // ["meeting:write:admin", "meeting:write"]
 */
export function getZoomOperationById(operationId: string): ZoomOperation | undefined {
  return byId.get(operationId);
}

/** A node of the path-template trie: literal segments first, then one parameter branch. */
interface Node {
  readonly literal: Map<string, Node>;
  param: Node | undefined;
  readonly methods: Map<string, ZoomOperation>;
}

const node = (): Node => ({ literal: new Map(), param: undefined, methods: new Map() });
let trie: Node | undefined;

function buildTrie(): Node {
  const root = node();
  for (const op of zoomOperations) {
    let at = root;
    for (const segment of op.path.split("/").slice(1)) {
      if (segment.startsWith("{")) at = at.param ??= node();
      else {
        const next = at.literal.get(segment) ?? node();
        at.literal.set(segment, next);
        at = next;
      }
    }
    at.methods.set(op.method, op);
  }
  return root;
}

/** Literal segments win over parameters (`/users/email` before `/users/{userId}`), backtracking if needed. */
function walk(
  at: Node,
  segments: readonly string[],
  index: number,
  method: string,
): ZoomOperation | undefined {
  if (index === segments.length) return at.methods.get(method);
  const segment = segments[index]!;
  const literal = at.literal.get(segment);
  const found = literal ? walk(literal, segments, index + 1, method) : undefined;
  if (found || !at.param || segment === "") return found;
  return walk(at.param, segments, index + 1, method);
}

/**
 * The operation a concrete request is for: its method and URL (absolute, or a path with or without
 * the query string). The base path (`/v2` by default, as in every Zoom API URL, regional hosts included)
 * is removed first. `undefined` for a request the document does not describe.
 *
 * @example
 * matchZoomOperation("DELETE", "https://api.zoom.us/v2/meetings/85746065?occurrence_id=1")?.operationId;
 * // "meetingDelete"
 */
export function matchZoomOperation(
  method: string,
  url: string | URL,
  basePath = "/v2",
): ZoomOperation | undefined {
  let path = typeof url === "string" ? url : url.pathname;
  if (typeof url === "string" && /^[a-z][a-z0-9+.-]*:\/\//i.test(url)) path = new URL(url).pathname;
  path = path.split(/[?#]/, 1)[0]!;
  if (basePath && (path === basePath || path.startsWith(`${basePath}/`))) path = path.slice(basePath.length);
  trie ??= buildTrie();
  return walk(trie, path.split("/").slice(1), 0, method.toUpperCase());
}
