// Puppeteer would download its own Chrome on `npm install`; that fails on machines without
// internet access to Google's servers (and is wasted where the system has Chromium). So the
// install never downloads; `npm test` first runs test/support/ensure-browsers.ts, which uses the
// system's Chromium and Firefox (installing Debian's packages where it can) and otherwise runs
// puppeteer's normal download (`npx puppeteer browsers install chrome|firefox`).
/** @type {import('puppeteer').Configuration} */
module.exports = {
  skipDownload: true,
  firefox: { skipDownload: true },
};
