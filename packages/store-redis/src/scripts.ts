/**
 * The Lua scripts behind every store operation, and how they are run. The `.lua` files in
 * `src/scripts/` are the source of truth; `pnpm generate` compiles them (each with `preamble.lua`
 * before it, and its SHA1) into `src/generated/lua-scripts.ts`, and `check:generated` fails when that
 * module drifts from them. So the store reads no file at run time, and bundles into one file.
 */
import { luaScripts } from "./generated/lua-scripts.js";

/** A script's source and SHA1 digest (what EVALSHA names it by). */
export interface LuaScript {
  readonly name: string;
  readonly source: string;
  readonly sha: string;
}

/** Every script the store runs, by operation. */
export const scripts: { readonly [Operation in keyof typeof luaScripts]: LuaScript } = luaScripts;

/** The two commands a script needs from a node-redis client or cluster (both have them). */
export interface ScriptRunner {
  evalSha(sha: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/**
 * Runs `script` by digest, sending its source only when the server answers NOSCRIPT (after a
 * restart, a failover or SCRIPT FLUSH); EVAL caches it again. Cluster clients route both by the first
 * key, and every node caches scripts on its own, which this handles the same way.
 */
export async function runScript(
  client: ScriptRunner,
  script: LuaScript,
  keys: string[],
  args: string[],
): Promise<unknown> {
  const options = { keys, arguments: args };
  try {
    return await client.evalSha(script.sha, options);
  } catch (error) {
    if (error instanceof Error && error.message.startsWith("NOSCRIPT"))
      return client.eval(script.source, options);
    throw error;
  }
}
