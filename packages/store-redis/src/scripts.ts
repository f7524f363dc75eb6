/**
 * The Lua scripts behind every store operation, and how they are run. The `.lua` files live beside
 * this module (`src/scripts/`, copied to `dist/scripts/` by the build) and are read once on import,
 * so a missing file fails at startup, not on the first token refresh.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

/** A script's source and SHA1 digest (what EVALSHA names it by). */
export interface LuaScript {
  readonly name: string;
  readonly source: string;
  readonly sha: string;
}

const read = (name: string) => readFileSync(new URL(`./scripts/${name}.lua`, import.meta.url), "utf8");

/** Helpers every script may use (`int`, `nextNumber`), defined once and put before each script. */
const preamble = read("preamble");

function load(name: string): LuaScript {
  const source = `${preamble}\n${read(name)}`;
  return { name, source, sha: createHash("sha1").update(source).digest("hex") };
}

/** Every script the store runs, by operation. */
export const scripts = {
  get: load("get"),
  compareAndSet: load("compare-and-set"),
  compareAndDelete: load("compare-and-delete"),
  acquireLease: load("acquire-lease"),
  renewLease: load("renew-lease"),
  releaseLease: load("release-lease"),
  recordEvent: load("record-event"),
  countEvents: load("count-events"),
} as const;

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
