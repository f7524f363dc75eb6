// Stands in for the file `zoomkit-generate` writes from one of Zoom's descriptions (here: zoomkit's own).
export type { paths } from "../src/generated/zoom-api.js";
