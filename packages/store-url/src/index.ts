/**
 * `@zoomkit/store-url`: the token store a URL names (`memory`, `redis://`, `rediss://`, `postgres://`,
 * `postgresql://`), with each store package loaded only when its URL is used.
 */
export type { StoreFromUrlOptions } from "./create-store-from-url.js";
export { createStoreFromUrl } from "./create-store-from-url.js";
export { describeStoreUrl } from "./describe-store-url.js";
export type { StoreUrlErrorCode } from "./errors.js";
export { StoreUrlError } from "./errors.js";
export type { StoreUrl } from "./parse-store-url.js";
export { parseStoreUrl } from "./parse-store-url.js";
