/**
 * Loads a store package on first use. Each import is a literal `import("...")`, so Node loads a store
 * package only when a URL needs it, and a bundler (esbuild, webpack, Rollup) sees and bundles the ones
 * installed. A store package that is not installed must be marked external when bundling (README).
 */
import { StoreUrlError } from "./errors.js";

/** The store packages a URL can need, by kind. */
export const storePackages = {
  redis: "@zoomkit/store-redis",
  postgres: "@zoomkit/store-postgres",
} as const;

export const loadRedisStore = () => load(storePackages.redis, () => import("@zoomkit/store-redis"));
export const loadPostgresStore = () => load(storePackages.postgres, () => import("@zoomkit/store-postgres"));

async function load<Module>(packageName: string, importer: () => Promise<Module>): Promise<Module> {
  try {
    return await importer();
  } catch (error) {
    if (!isMissing(error, packageName)) throw error;
    throw new StoreUrlError(
      "store_package_missing",
      `this store URL needs ${packageName}, which is not installed: npm install ${packageName}`,
      { cause: error, packageName },
    );
  }
}

/**
 * True when the package itself could not be found (ESM: `ERR_MODULE_NOT_FOUND`; a bundle that turned the
 * import into `require`: `MODULE_NOT_FOUND`). A package that is installed but misses a dependency of its
 * own names that dependency instead, and is rethrown as is.
 */
function isMissing(error: unknown, packageName: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") &&
    typeof message === "string" &&
    message.includes(`'${packageName}'`)
  );
}
