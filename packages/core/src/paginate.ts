/**
 * `paginate()`: every item of a Zoom list operation, page by page, following `next_page_token` until it
 * comes back empty. Typed from the operation: its parameters, and the items of its one array field.
 *
 * Page tokens live about 15 minutes at Zoom. A token that expired (or that Zoom no longer recognises) is
 * answered with code 300 "The next page token is invalid or expired." (HTTP 400; some operations answer
 * HTTP 300), per Zoom's published description; the simulator answers the same. The listing then starts
 * over from the first page, a bounded number of times (`maxRestarts`, default 1).
 */
import type { Client, MaybeOptionalInit } from "openapi-fetch";
import { ZoomPaginationError } from "./errors.js";
import { parseZoomError, type ZoomErrorBody } from "./pipeline/zoom-error.js";

type GetOperation<PathItem> = PathItem extends { get: infer Op } ? Op : never;
type QueryOf<Op> = Op extends { parameters: { query?: infer Query } } ? NonNullable<Query> : never;
type SuccessOf<Op> = Op extends { responses: { 200: { content: { "application/json": infer Body } } } }
  ? Body
  : never;

/** The paths of `Paths` whose GET takes a `next_page_token` and answers with one. */
export type PaginatedPath<Paths> = {
  [P in keyof Paths]: "next_page_token" extends keyof QueryOf<GetOperation<Paths[P]>>
    ? "next_page_token" extends keyof SuccessOf<GetOperation<Paths[P]>>
      ? P
      : never
    : never;
}[keyof Paths] &
  string;

/** The request options of the GET at `P` (path and query parameters, headers, signal). */
export type PaginateInit<Paths, P extends keyof Paths> =
  Paths[P] extends Record<"get", unknown> ? MaybeOptionalInit<Paths[P], "get"> : never;

/** One page of the list operation at `P`, as Zoom answers it. */
export type PageOf<Paths, P extends keyof Paths> = SuccessOf<GetOperation<Paths[P]>>;

/** The fields of a page that hold the listed items (its arrays). */
export type ItemsField<Page> = {
  [K in keyof Page]-?: NonNullable<Page[K]> extends readonly unknown[] ? K : never;
}[keyof Page] &
  string;

/** The items `paginate()` yields for `P`: the elements of the page's array field. */
export type ItemOf<
  Paths,
  P extends keyof Paths,
  Field extends ItemsField<PageOf<Paths, P>> = ItemsField<PageOf<Paths, P>>,
> = NonNullable<PageOf<Paths, P>[Field]> extends readonly (infer Item)[] ? Item : never;

/** Options of `paginate()`. */
export interface PaginateOptions<Item, Field extends string = string> {
  /**
   * The page field holding the items. @default the page's only array field (an error names the
   * candidates when there are several)
   */
  items?: Field;
  /** How many times the listing may start over after Zoom refused an expired page token. @default 1 */
  maxRestarts?: number;
  /**
   * Identifies an item. With it, items already yielded are skipped after a restart; without it, a
   * restart yields the items of the first pages again (the listing starts over).
   */
  key?: (item: Item) => unknown;
}

/**
 * Every item of a list operation, fetched one page at a time as the loop asks for them. Stops after the
 * page whose `next_page_token` is empty or absent. A page Zoom refuses throws `ZoomPaginationError`
 * (`page_failed`, with the status and Zoom's error body); a request that never got an answer throws what
 * the client threw (`ZoomRequestError`, `ZoomAuthError`).
 *
 * When Zoom answers that the page token expired, the listing starts over from the first page, at most
 * `maxRestarts` times (then `page_token_expired` is thrown). Items may be yielded twice across a restart
 * unless `key` identifies them; items added or removed meanwhile may be missed or seen, as with any
 * listing that is read again.
 *
 * @example
 * for await (const meeting of paginate(zoom, "/users/{userId}/meetings", {
 *   params: { path: { userId: "host@example.com" }, query: { type: "scheduled", page_size: 300 } },
 * })) console.log(meeting.id, meeting.topic);
 */
export async function* paginate<
  Paths extends {},
  P extends PaginatedPath<Paths>,
  Field extends ItemsField<PageOf<Paths, P>> = ItemsField<PageOf<Paths, P>>,
>(
  client: Client<Paths>,
  path: P,
  init: PaginateInit<Paths, P>,
  options: PaginateOptions<ItemOf<Paths, P, Field>, Field> = {},
): AsyncGenerator<ItemOf<Paths, P, Field>, void, undefined> {
  const maxRestarts = options.maxRestarts ?? 1;
  if (!Number.isInteger(maxRestarts) || maxRestarts < 0)
    throw new RangeError(`paginate: maxRestarts must be a whole number >= 0 (got ${maxRestarts}).`);
  const seen = options.key ? new Set<unknown>() : undefined;
  const get = client.GET as unknown as (path: string, init: unknown) => Promise<PageAnswer>;
  let restarts = 0;
  let token: string | undefined;
  let pageNumber = 0;
  for (;;) {
    pageNumber += 1;
    const { data, error, response } = await get(path, withPageToken(init, token));
    if (data === undefined) {
      const body = parseZoomError(error);
      if (token !== undefined && isExpiredPageToken(response.status, body)) {
        if (restarts >= maxRestarts)
          throw failure("page_token_expired", path, pageNumber, response, body, restarts);
        restarts += 1;
        token = undefined;
        pageNumber = 0;
        continue;
      }
      throw failure("page_failed", path, pageNumber, response, body, restarts);
    }
    for (const item of pageItems(data, options.items, path, pageNumber)) {
      if (seen) {
        const id = options.key?.(item as ItemOf<Paths, P, Field>);
        if (seen.has(id)) continue;
        seen.add(id);
      }
      yield item as ItemOf<Paths, P, Field>;
    }
    const next = typeof data.next_page_token === "string" ? data.next_page_token : "";
    if (next === "") return;
    // A token handed back unchanged would list the same page forever.
    if (next === token) throw failure("page_loop", path, pageNumber, response, undefined, restarts);
    token = next;
  }
}

interface PageAnswer {
  data?: Record<string, unknown>;
  error?: unknown;
  response: Response;
}

/** The caller's options with this page's token in the query (or none for the first page). */
function withPageToken(init: unknown, token: string | undefined): unknown {
  const options = (init ?? {}) as { params?: { query?: Record<string, unknown> } };
  const { next_page_token: _dropped, ...query } = options.params?.query ?? {};
  return {
    ...options,
    params: { ...options.params, query: token === undefined ? query : { ...query, next_page_token: token } },
  };
}

/** Zoom's "The next page token is invalid or expired." (code 300), or a validation error naming the token. */
export function isExpiredPageToken(status: number, body: ZoomErrorBody): boolean {
  if (status !== 400 && status !== 300) return false;
  if (body.errors?.some((e) => e.field === "next_page_token")) return true;
  return /next[ _]?page[ _]?token/i.test(body.message ?? "");
}

function pageItems(
  page: Record<string, unknown>,
  field: string | undefined,
  path: string,
  pageNumber: number,
): unknown[] {
  if (field !== undefined) {
    const value = page[field];
    return Array.isArray(value) ? value : [];
  }
  const arrays = Object.keys(page).filter((key) => Array.isArray(page[key]));
  if (arrays.length > 1)
    throw new ZoomPaginationError(
      "ambiguous_items",
      `paginate(${path}): the page has several arrays (${arrays.join(", ")}); name one with the items option.`,
      { path, page: pageNumber, restarts: 0 },
    );
  const only = arrays[0];
  // Zoom leaves the array out of an empty page.
  return only === undefined ? [] : (page[only] as unknown[]);
}

function failure(
  code: "page_failed" | "page_token_expired" | "page_loop",
  path: string,
  page: number,
  response: Response,
  body: ZoomErrorBody | undefined,
  restarts: number,
): ZoomPaginationError {
  const where = `paginate(${path}) page ${page}`;
  const zoom = body?.code === undefined ? "" : ` (Zoom code ${body.code})`;
  const message =
    code === "page_failed"
      ? `${where}: Zoom answered HTTP ${response.status}${zoom}.`
      : code === "page_token_expired"
        ? `${where}: the page token expired again after ${restarts} restart(s) of the listing${zoom}.`
        : `${where}: Zoom answered the same next_page_token again; stopped rather than loop.`;
  return new ZoomPaginationError(code, message, {
    path,
    page,
    restarts,
    status: response.status,
    ...(body ? { error: body } : {}),
  });
}
