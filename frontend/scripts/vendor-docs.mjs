// After `vite build`: copy Swagger UI (for the API docs at /docs) into the package, and write
// the third-party notices for everything the built files contain. Run by `npm run build`.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "..", "node_modules");
const out = join(here, "..", "..", "eventwire", "serve", "static");

const swagger = join(out, "vendor", "swagger-ui");
mkdirSync(swagger, { recursive: true });
for (const file of ["swagger-ui-bundle.js", "swagger-ui.css", "LICENSE", "NOTICE"]) {
  copyFileSync(join(modules, "swagger-ui-dist", file), join(swagger, file));
}

// Licences of the packages bundled into the built files, with their versions.
const bundled = ["leaflet", "topojson-client", "world-atlas", "swagger-ui-dist"];
const sections = bundled.map((name) => {
  const pkg = JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8"));
  const licence = readFileSync(join(modules, name, "LICENSE"), "utf8").trim();
  return `## ${name} ${pkg.version} (${pkg.license})\n\n${licence}\n`;
});
writeFileSync(join(out, "THIRD_PARTY_NOTICES.md"),
  "# Third-party code and data in eventwire's dashboard\n\n" +
  "Built by frontend/ (`npm run build`). The country boundaries are Natural Earth 1:110m " +
  "Admin 0 countries (version 4.1.0, public domain, naturalearthdata.com), as packaged in " +
  "TopoJSON by world-atlas.\n\n" + sections.join("\n"));
console.log(`vendored Swagger UI and notices into ${out}`);
