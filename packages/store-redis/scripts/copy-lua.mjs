// Build step: copy the Lua scripts next to the compiled modules (dist/scripts/), where
// src/scripts.ts finds them at run time (tsc copies only TypeScript output).
import { cpSync, readdirSync } from "node:fs";

const from = new URL("../src/scripts/", import.meta.url);
const to = new URL("../dist/scripts/", import.meta.url);
cpSync(from, to, { recursive: true });
const copied = readdirSync(to).filter((name) => name.endsWith(".lua"));
if (copied.length === 0) throw new Error("no Lua scripts copied to dist/scripts");
console.log(`copied ${copied.length} Lua scripts to dist/scripts`);
