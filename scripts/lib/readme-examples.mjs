// README code blocks are copies of type-checked files, never hand-kept text. Every ```ts block in a
// README is preceded by a marker naming the file it shows, relative to the README:
//
//   <!-- example: examples/create-meeting.ts -->            the whole file
//   <!-- example: examples/token-engine.ts#options -->      the lines between `// #region options`
//                                                           and `// #endregion options`, dedented
//
// A whole file is shown as a user would write it: without its leading comment (which says where the
// file is shown) and with imports of its own package's source (`../src/index.js`) under the public
// name the package exports them as (`@zoomkit/core`).
//
// The named files sit in folders their package's tsconfig includes, so `pnpm typecheck` checks them;
// this module checks that each block is its file, and can rewrite the blocks from their files.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { repoRoot, workspaceGroups } from "./workspace.mjs";

/** The languages whose blocks must come from a file (others, such as sh or sql, are not TypeScript). */
const checkedLanguages = new Set(["ts", "typescript", "tsx", "js", "mjs", "javascript"]);
const markerPattern = /^<!-- example: (\S+?)(?:#([\w-]+))? -->$/;

/**
 * Every README.md of the repository: the root one and one per workspace package.
 *
 * @param {string} [root]
 * @returns {string[]} absolute paths
 */
export function readmeFiles(root = repoRoot) {
  const found = [join(root, "README.md")];
  for (const group of workspaceGroups) {
    const base = join(root, group);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base).sort()) {
      const readme = join(base, name, "README.md");
      if (existsSync(readme)) found.push(readme);
    }
  }
  return found.filter((file) => existsSync(file));
}

/**
 * The fenced code blocks of a README in a checked language, with the marker line before each.
 *
 * @param {string} text
 * @returns {{ line: number, lang: string, marker: { file: string, region?: string } | null,
 *   start: number, end: number, code: string }[]} `start`/`end`: line indexes of the code (end exclusive)
 */
export function codeBlocks(text) {
  const lines = text.split("\n");
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w+)\s*$/.exec(lines[i]);
    if (!open) {
      if (lines[i].startsWith("```")) i = closingFence(lines, i);
      continue;
    }
    const close = closingFence(lines, i);
    if (checkedLanguages.has(open[1])) {
      const markerLine = previousNonBlank(lines, i);
      const match = markerLine === undefined ? null : markerPattern.exec(markerLine.trim());
      blocks.push({
        line: i + 1,
        lang: open[1],
        marker: match ? { file: match[1], region: match[2] } : null,
        start: i + 1,
        end: close,
        code: lines.slice(i + 1, close).join("\n"),
      });
    }
    i = close;
  }
  return blocks;
}

function closingFence(lines, open) {
  for (let j = open + 1; j < lines.length; j++) if (lines[j].startsWith("```")) return j;
  return lines.length;
}

function previousNonBlank(lines, index) {
  for (let j = index - 1; j >= 0; j--) if (lines[j].trim() !== "") return lines[j];
  return undefined;
}

/**
 * What a marker points at: the whole file without its final newline, or a region of it, dedented.
 *
 * @returns {{ code: string } | { problem: string }}
 */
export function exampleSource(readmeDir, marker) {
  const file = join(readmeDir, marker.file);
  if (!existsSync(file)) return { problem: `names ${marker.file}, which does not exist` };
  const text = readFileSync(file, "utf8").replace(/\n$/, "");
  if (!marker.region) return { code: asPublished(file, withoutLeadingComment(text)) };
  const lines = text.split("\n");
  const begin = lines.findIndex((l) => l.trim() === `// #region ${marker.region}`);
  const end = lines.findIndex((l, i) => i > begin && l.trim() === `// #endregion ${marker.region}`);
  if (begin === -1 || end === -1) {
    return { problem: `names region ${marker.region} of ${marker.file}, which has no such region` };
  }
  return { code: dedent(lines.slice(begin + 1, end)).join("\n") };
}

function withoutLeadingComment(text) {
  const lines = text.split("\n");
  let first = 0;
  while (first < lines.length && lines[first].startsWith("//")) first++;
  if (first > 0) while (first < lines.length && lines[first].trim() === "") first++;
  return lines.slice(first).join("\n");
}

/** Rewrites `from "../src/x.js"` to the specifier the file's package exports `dist/x.js` under. */
function asPublished(file, code) {
  const pkgDir = packageDirOf(dirname(file));
  if (!pkgDir) return code;
  const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const published = new Map();
  for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
    const dist = typeof target === "string" ? target : target?.default;
    if (typeof dist !== "string" || !dist.startsWith("./dist/")) continue;
    const source = resolve(pkgDir, dist.replace(/^\.\/dist\//, "src/"));
    published.set(source, subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`);
  }
  return code.replace(/(from\s+")(\.{1,2}\/[^"]+)(")/g, (whole, before, specifier, after) => {
    const name = published.get(resolve(dirname(file), specifier));
    return name ? `${before}${name}${after}` : whole;
  });
}

function packageDirOf(dir) {
  for (let at = dir; at !== dirname(at); at = dirname(at)) {
    if (existsSync(join(at, "package.json"))) return at;
  }
  return undefined;
}

function dedent(lines) {
  const indents = lines.filter((l) => l.trim() !== "").map((l) => /^ */.exec(l)[0].length);
  const cut = indents.length === 0 ? 0 : Math.min(...indents);
  return lines.map((l) => l.slice(cut));
}

/**
 * The problems of one README: blocks without a marker, markers naming nothing, blocks that differ
 * from their source.
 *
 * @param {string} readme absolute path
 * @returns {string[]} one line per problem, `path:line: ...`
 */
export function checkReadme(readme, root = repoRoot) {
  const text = readFileSync(readme, "utf8");
  const where = (block) => `${relative(root, readme)}:${block.line}`;
  const problems = [];
  for (const block of codeBlocks(text)) {
    if (!block.marker) {
      problems.push(
        `${where(block)}: a ${block.lang} block without an <!-- example: file --> marker before it`,
      );
      continue;
    }
    const source = exampleSource(dirname(readme), block.marker);
    if ("problem" in source) problems.push(`${where(block)}: the marker ${source.problem}`);
    else if (source.code !== block.code) {
      problems.push(`${where(block)}: differs from ${block.marker.file}${regionSuffix(block.marker)}`);
    }
  }
  return problems;
}

function regionSuffix(marker) {
  return marker.region ? `#${marker.region}` : "";
}

/**
 * Rewrites every marked block of a README from its source (blocks without a marker, or whose
 * marker names nothing, are left as they are). Returns whether the file changed.
 */
export function syncReadme(readme) {
  const text = readFileSync(readme, "utf8");
  const lines = text.split("\n");
  // Bottom-up, so earlier blocks' line indexes stay valid while later ones change length.
  for (const block of codeBlocks(text).reverse()) {
    if (!block.marker) continue;
    const source = exampleSource(dirname(readme), block.marker);
    if ("code" in source) lines.splice(block.start, block.end - block.start, ...source.code.split("\n"));
  }
  const next = lines.join("\n");
  if (next !== text) writeFileSync(readme, next);
  return next !== text;
}
