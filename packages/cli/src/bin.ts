#!/usr/bin/env node
// The `zoomkit` command. Everything is in runZoomkit; this file only wires the process to it.
import { runZoomkit } from "./run.js";

/**
 * Exits once stdout and stderr have flushed (writes to a pipe are asynchronous and ordered, so an
 * empty write's callback comes after everything before it). A command is done when it has answered:
 * a store driver's socket or timer must not keep it alive.
 */
function exit(code: number): void {
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}

runZoomkit(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(exit, () => {
  // runZoomkit reports its own failures; anything left is a bug, reported without its message (it may quote input).
  process.stderr.write("zoomkit: unexpected failure\n");
  exit(2);
});
