import { appTestConfig } from "@zoomkit/app-support/testing";
import { defineConfig } from "vitest/config";

export default defineConfig({ test: appTestConfig });
