// Builds the extension: `vite build --mode chrome` → dist/chrome, `--mode firefox` → dist/firefox.
// With CORS_LENS_TEST_HOOKS=1 it builds a test variant (dist/<browser>-test) whose background
// answers a test relay; the normal builds contain none of that code.
import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { manifestFor, type Target } from './extension/manifest-for.ts';

export default defineConfig(({ mode }) => {
  if (mode !== 'chrome' && mode !== 'firefox') {
    throw new Error(`Build the extension with --mode chrome or --mode firefox (got "${mode}").`);
  }
  const target: Target = mode;
  const testHooks = process.env.CORS_LENS_TEST_HOOKS === '1';
  return {
    plugins: [preact(), crx({ manifest: manifestFor(target, { testHooks }), browser: target })],
    define: { __CORS_LENS_TEST_HOOKS__: JSON.stringify(testHooks) },
    build: {
      outDir: `dist/${target}${testHooks ? '-test' : ''}`,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      // The panel is only named in devtools.ts, so crxjs cannot find it by itself.
      rolldownOptions: { input: { panel: 'extension/panel/panel.html' } },
    },
    server: { port: 5173, strictPort: true },
  };
});
