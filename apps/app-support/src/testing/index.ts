export { appTestConfig } from "./app-test-config.js";
export { baseEnv, type RunningProcess, startProcess } from "./process.js";
