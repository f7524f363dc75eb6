// (a) Imports every entry point of every installed @zoomkit package as ESM and prints its export names.
import { readdirSync, readFileSync } from "node:fs";

const loaded = {};
for (const dir of readdirSync("node_modules/@zoomkit").sort()) {
  const manifest = JSON.parse(readFileSync(`node_modules/@zoomkit/${dir}/package.json`, "utf8"));
  for (const subpath of Object.keys(manifest.exports)) {
    if (subpath === "./package.json" || /\.(ya?ml|json)$/.test(subpath)) continue;
    const specifier = subpath === "." ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
    loaded[specifier] = Object.keys(await import(specifier)).sort();
  }
}
console.log(JSON.stringify(loaded));
