/**
 * Makes sure the browsers the tests (or the lab) need are there, so that `npm ci && npm test` works
 * on a fresh machine: Debian's packages where apt and root (or passwordless sudo) are available,
 * else puppeteer's own download; with no argument (as `npm test` runs it), Xvfb too where Linux has no
 * screen. Usage: tsx test/support/ensure-browsers.ts [chromium] [firefox]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath, firefoxPath } from './browsers.ts';

export type BrowserNeed = 'chromium' | 'firefox';
const present = { chromium: chromiumPath, firefox: firefoxPath };

function run(cmd: string, args: string[]): boolean {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  return spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
}

const canApt = () => {
  if (!existsSync('/usr/bin/apt-get')) return null;
  if (process.getuid?.() === 0) return [] as string[];
  return spawnSync('sudo', ['-n', 'true']).status === 0 ? ['sudo'] : null;
};

/** Installs Debian packages (apt-get update first) where apt and root or passwordless sudo exist; false otherwise. */
function aptInstall(packages: string[]): boolean {
  const sudo = canApt();
  if (!sudo) return false;
  const exec = (args: string[]) => (sudo.length ? run(sudo[0]!, args) : run(args[0]!, args.slice(1)));
  exec(['apt-get', 'update', '-qq']);
  return exec(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages]);
}

/** Installs what is missing of `wanted`; throws with what to do when it cannot. */
export function ensureBrowsers(wanted: BrowserNeed[]): void {
  const missing = () => wanted.filter((b) => !present[b]());
  let todo = missing();
  if (!todo.length) return;
  aptInstall(todo.map((b) => (b === 'chromium' ? 'chromium' : 'firefox-esr')));
  for (const b of missing()) {
    // Elsewhere (macOS, other Linux, no root): puppeteer's download, into its cache.
    run('npx', ['--yes', 'puppeteer', 'browsers', 'install', b === 'chromium' ? 'chrome' : 'firefox']);
  }
  todo = missing();
  if (todo.length) {
    throw new Error(
      `cors-lens: could not install ${todo.join(' and ')}. Install Chromium and Firefox, or point ` +
        'PUPPETEER_EXECUTABLE_PATH (Chromium) and CORS_LENS_FIREFOX (Firefox) at them.',
    );
  }
}

/**
 * The test of `npm start` with a browser needs a screen: on Linux without one, a private Xvfb server.
 * Installs Debian's `xvfb` where it can; otherwise that test says what to install.
 */
export function ensureVirtualDisplay(): void {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return;
  if (spawnSync('sh', ['-c', 'command -v Xvfb']).status === 0) return;
  aptInstall(['xvfb']);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const wanted = (process.argv.slice(2).length ? process.argv.slice(2) : ['chromium', 'firefox']) as BrowserNeed[];
  try {
    ensureBrowsers(wanted);
    if (process.argv.length <= 2) ensureVirtualDisplay();
    for (const b of wanted) console.log(`${b}: ${present[b]()}`);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
