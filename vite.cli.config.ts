// Bundles the CLI (src/cli/main.ts) for Node 20 into dist/cli/main.js; bin/cors-lens.js imports it.
// An SSR build: Node built-ins and the package's dependencies stay imports, resolved from node_modules.
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist/cli',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    minify: false,
    rolldownOptions: { output: { entryFileNames: 'main.js', format: 'es' } },
  },
  ssr: { target: 'node' },
});
