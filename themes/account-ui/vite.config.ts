import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The account console bundle of the theme "jit": Keycloak reads resources/.vite/manifest.json of the theme and
// loads its entry chunk from the parent theme's index.ftl (keycloak.v3), which also provides React, ReactDOM
// and the JSX runtime through an import map. So those stay external, as in Keycloak's own build.
export default defineConfig({
  base: "",
  esbuild: { jsx: "automatic" },
  resolve: {
    alias: {
      // the package's exports map leaves its stylesheet out; it holds the styles of the pages it brings
      "keycloak-account-ui.css": fileURLToPath(
        new URL("node_modules/@keycloak/keycloak-account-ui/lib/keycloak-account-ui.css", import.meta.url),
      ),
    },
  },
  build: {
    outDir: process.env.JIT_UI_OUT_DIR ?? "../target/account-ui",
    emptyOutDir: true,
    manifest: true,
    target: "esnext",
    modulePreload: false,
    sourcemap: false,
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: "src/main.tsx",
      external: ["react", "react/jsx-runtime", "react-dom"],
      // one entry chunk, as Keycloak's own console: keycloak.v3's index.ftl preloads the entry's "imports"
      // by their manifest keys, which are not file names for shared chunks
      output: { inlineDynamicImports: true },
      onwarn(warning, warn) {
        // react-router marks its modules "use client" (for server components); meaningless in this bundle
        if (warning.code === "MODULE_LEVEL_DIRECTIVE") return;
        warn(warning);
      },
    },
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
