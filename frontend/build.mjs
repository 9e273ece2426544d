// Copies the third-party files the web map needs from node_modules into the Python
// package (src/khaldun/web/static/vendor/, git-ignored), so `khaldun serve` needs no CDN.
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const out = join(here, "..", "src", "khaldun", "web", "static", "vendor");

const files = [
  ["leaflet/dist/leaflet.js", "leaflet/leaflet.js"],
  ["leaflet/dist/leaflet.css", "leaflet/leaflet.css"],
  ["leaflet/dist/images", "leaflet/images"],
  ["leaflet/LICENSE", "leaflet/LICENSE"],
  ["topojson-client/dist/topojson-client.min.js", "topojson-client/topojson-client.min.js"],
  ["topojson-client/LICENSE", "topojson-client/LICENSE"],
  ["world-atlas/countries-50m.json", "world-atlas/countries-50m.json"],
  ["world-atlas/LICENSE", "world-atlas/LICENSE"],
];

rmSync(out, { recursive: true, force: true });
for (const [from, to] of files) {
  mkdirSync(dirname(join(out, to)), { recursive: true });
  cpSync(join(modules, from), join(out, to), { recursive: true });
}
console.log(`khaldun web: ${files.length} vendor files -> ${out}`);
