/**
 * `@zoomkit/store-memory`: the in-process token store. It lives in `@zoomkit/core` (the client's
 * default store) and is re-exported here so it can be chosen like any other store.
 */
export type { MemoryStoreOptions } from "@zoomkit/core";
export { createMemoryStore } from "@zoomkit/core";
