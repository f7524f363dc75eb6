// Runs the README's example (examples/vitest-usage.ts) as part of the suite, so it cannot rot.
import "../examples/vitest-usage.js";
