// Package check: the built entry point loads and finds its Lua scripts (a missing dist/scripts/
// would otherwise only show on a user's machine).
const { createRedisStore } = await import(new URL("../dist/index.js", import.meta.url).href);
if (typeof createRedisStore !== "function") throw new Error("dist/index.js does not export createRedisStore");
console.log("dist loads with its Lua scripts");
