// `pnpm readme:examples`: lists README code blocks that are not copies of their example files;
// `--write` rewrites every marked block from its file. See scripts/lib/readme-examples.mjs.
import { parseArgs } from "node:util";
import { checkReadme, readmeFiles, syncReadme } from "./lib/readme-examples.mjs";

const { values } = parseArgs({ options: { write: { type: "boolean", default: false } } });
if (values.write) for (const readme of readmeFiles()) syncReadme(readme);
const problems = readmeFiles().flatMap((readme) => checkReadme(readme));
for (const problem of problems) console.error(problem);
if (problems.length > 0) {
  console.error(
    `${problems.length} README block(s) need a fix; \`pnpm readme:examples --write\` copies marked blocks`,
  );
  process.exitCode = 1;
}
