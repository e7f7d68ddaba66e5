#!/usr/bin/env node
// The `cors-lens` command: runs the CLI bundled by `npm run build:cli` (vite.cli.config.ts).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('cors-lens: the CLI is not built yet. Run `npm run build` (or `npm run build:cli`) first.\n');
  process.exit(2);
}
const { run } = await import(bundle.href);
process.exitCode = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
});
