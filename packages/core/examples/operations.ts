// The README's operations example, type-checked by `pnpm typecheck`. In your project, import from "@zoomkit/core".
import { getZoomOperation, matchZoomOperation, zoomOperations } from "../src/index.js";

const create = getZoomOperation("POST", "/users/{userId}/meetings"); // by method + path template
console.log(create?.category, create?.scopes.classic, create?.scopes.granular); // "Medium", [...], [...] or null
const op = matchZoomOperation("DELETE", "https://api.zoom.us/v2/meetings/85746065"); // by a concrete URL
const heavy = zoomOperations.filter((o) => o.category === "Heavy").map((o) => o.operationId);
console.log(op?.operationId, heavy.length); // "meetingDelete", 6
