// Builds the dashboard into the Python package, where `eventwire serve` serves it offline.
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";

export default defineConfig({
  // Relative asset URLs: the page also works when a reverse proxy serves it under a path prefix.
  base: "./",
  build: {
    outDir: fileURLToPath(new URL("../eventwire/serve/static", import.meta.url)),
    emptyOutDir: true,
    assetsDir: "assets",
    // Small enough to read the diff of a rebuild; no source maps shipped in the wheel.
    sourcemap: false,
    target: "es2022",
    // Keep the boundary file a separate, cacheable asset rather than a data: URL in the bundle.
    assetsInlineLimit: 4096,
  },
  server: {
    // `npm run dev` against a running `eventwire serve` on the default port.
    proxy: { "/api": "http://127.0.0.1:8000" },
  },
});
