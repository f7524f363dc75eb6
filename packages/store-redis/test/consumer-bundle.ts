/**
 * Builds a small consumer of the store (TypeScript importing `./src/index.ts`) into one runnable file,
 * as a serverless function's build would (esbuild): tests run the store in a real child process without
 * a build of the package.
 */
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

export async function bundleConsumer(source: string, outfile: string): Promise<void> {
  await build({
    stdin: { contents: source, resolveDir: packageDir, sourcefile: "consumer.ts", loader: "ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20.19",
    outfile,
    // node-redis is CommonJS: bundled into ESM, its require() of Node built-ins needs a real require.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: "silent",
  });
}
