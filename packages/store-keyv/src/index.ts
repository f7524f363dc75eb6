export type { KeyvStoreErrorCode } from "./errors.js";
export { KeyvStoreError } from "./errors.js";
export { createKeyvStore } from "./keyv-store.js";
export type { KeyvStoreOptions } from "./options.js";
