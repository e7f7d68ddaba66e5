// Builds the extension: `vite build --mode chrome` → dist/chrome, `--mode firefox` → dist/firefox.
import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { manifestFor, type Target } from './extension/manifest-for.ts';

export default defineConfig(({ mode }) => {
  if (mode !== 'chrome' && mode !== 'firefox') {
    throw new Error(`Build the extension with --mode chrome or --mode firefox (got "${mode}").`);
  }
  const target: Target = mode;
  return {
    plugins: [preact(), crx({ manifest: manifestFor(target), browser: target })],
    build: {
      outDir: `dist/${target}`,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      // The panel is only named in devtools.ts, so crxjs cannot find it by itself.
      rolldownOptions: { input: { panel: 'extension/panel/panel.html' } },
    },
    server: { port: 5173, strictPort: true },
  };
});
