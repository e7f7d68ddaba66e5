/**
 * `npm start`: serves the demo lab and, where a display exists, opens Chromium with the built
 * extension loaded and DevTools open on the lab page. Without a display, prints where the lab is
 * and how to load the extension by hand.
 */
import { existsSync } from 'node:fs';
import { chromiumPath } from '../support/browsers.ts';
import { CHROMIUM_FLAGS, CHROME_DIST, FIREFOX_DIST, extensionId, launchChromium, openCorsPanel } from '../support/chromium.ts';
import { CROSS_SITE_API, installLab, PAGE_HOST } from './lab-scenarios.ts';
import { PAGE_RUNNER_SOURCE } from './page-runner.ts';
import { startLabServer, type LabServer } from './server.ts';
import { ensureBrowsers } from '../support/ensure-browsers.ts';

const HTTP_PORT = Number(process.env.LAB_HTTP_PORT ?? 4280);
const HTTPS_PORT = Number(process.env.LAB_HTTPS_PORT ?? 4243);

async function start(): Promise<LabServer> {
  try {
    return await startLabServer({ httpPort: HTTP_PORT, httpsPort: HTTPS_PORT });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    console.warn(`Port ${HTTP_PORT} or ${HTTPS_PORT} is busy; using free ports instead.`);
    return startLabServer();
  }
}

const server = await start();
installLab(server, PAGE_RUNNER_SOURCE);
const labUrl = server.url(PAGE_HOST, '/');

console.log(`
cors-lens demo lab
  page:  ${labUrl}   (also https://${PAGE_HOST}:${server.httpsPort}/, self-signed)
  APIs:  ${server.origin(CROSS_SITE_API)}/lab/…  and other *.test hosts
  The lab's host names end in .test; the browser must map them to 127.0.0.1:
    ${chromiumPath() ?? 'chromium'} --host-resolver-rules="MAP *.test 127.0.0.1" --ignore-certificate-errors \\
      --load-extension=${CHROME_DIST} ${labUrl}
  Extensions built:  ${CHROME_DIST}  ${existsSync(FIREFOX_DIST) ? FIREFOX_DIST : '(Firefox build missing: npm run build:firefox)'}
  Load by hand:  Chrome → chrome://extensions → Developer mode → Load unpacked → dist/chrome
                 Firefox → about:debugging → This Firefox → Load Temporary Add-on → dist/firefox/manifest.json
                 (or: npx web-ext run --source-dir dist/firefox --pref network.dns.forceResolve=127.0.0.1 --start-url ${labUrl})
`);

// macOS and Windows always have a screen; Linux and the BSDs have one when X11 or Wayland says so.
const display = process.platform === 'darwin' || process.platform === 'win32' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
if (display && process.env.CORS_LENS_NO_BROWSER !== '1') {
  ensureBrowsers(['chromium']);
  // CORS_LENS_DEBUG_PORT: also open Chromium's DevTools protocol on this loopback port, so that a
  // tool (the test of this command, test/e2e/npm-start.test.ts) can attach to the browser it opened.
  const debugPort = process.env.CORS_LENS_DEBUG_PORT ? Number(process.env.CORS_LENS_DEBUG_PORT) : undefined;
  const chromium = await launchChromium({ extension: true, devtools: true, headless: false, args: ['--window-size=1440,900'], handleSigint: false, ...(debugPort ? { debugPort } : {}) });
  const [page] = await chromium.browser.pages();
  // The background registers its webRequest listeners when its service worker first runs: wait for it,
  // or the lab's own page load goes unseen.
  await extensionId(chromium.browser);
  await page!.goto(labUrl);
  // Switch DevTools to the CORS panel, as the end-to-end tests do; if that fails the panel is still one click away.
  const shown = await openCorsPanel(chromium.browser, page!).then(
    () => true,
    () => false,
  );
  // Load the lab again with the panel open, so that its list starts with the page's own requests
  // (the first load can race the background's first start).
  if (shown) await page!.reload();
  console.log(
    shown
      ? 'Chromium is open on the lab with DevTools on the CORS panel: press the buttons. Ctrl+C stops everything.'
      : 'Chromium is open on the lab with DevTools; pick the CORS panel (under » if hidden). Ctrl+C stops everything.',
  );
  chromium.browser.on('disconnected', () => void shutdown());
  let stopping = false;
  const shutdown = async () => {
    // Ctrl+C closes the browser, whose 'disconnected' event comes here again.
    if (stopping) return;
    stopping = true;
    await chromium.close();
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
} else {
  console.log(`No display: open the lab in your own browser with the flags above. Flags used in tests: ${CHROMIUM_FLAGS.join(' ')}`);
  console.log('Ctrl+C stops the lab.');
  process.on('SIGINT', () => void server.close().then(() => process.exit(0)));
}
