// Package check: the built entry point loads, and the Lua scripts are compiled into it
// (src/generated/lua-scripts.ts): the published package reads no file at run time.
import { existsSync } from "node:fs";

const { createRedisStore } = await import(new URL("../dist/index.js", import.meta.url).href);
if (typeof createRedisStore !== "function") throw new Error("dist/index.js does not export createRedisStore");
if (!existsSync(new URL("../dist/generated/lua-scripts.js", import.meta.url))) {
  throw new Error("dist/generated/lua-scripts.js is missing: the Lua scripts are not compiled in");
}
console.log("dist loads, with its Lua scripts compiled in");
