// Puppeteer downloads its own Chrome on install unless one is already provided.
// Where the system has Chromium (Debian's /usr/bin/chromium, or PUPPETEER_EXECUTABLE_PATH),
// the download is skipped; elsewhere it happens as usual.
const fs = require('node:fs');

const systemChromium =
  (process.env.PUPPETEER_EXECUTABLE_PATH && fs.existsSync(process.env.PUPPETEER_EXECUTABLE_PATH)) ||
  fs.existsSync('/usr/bin/chromium');

/** @type {import('puppeteer').Configuration} */
module.exports = {
  skipDownload: process.env.PUPPETEER_SKIP_DOWNLOAD === '1' || Boolean(systemChromium),
  // Firefox tests use Debian's firefox-esr; never download one.
  firefox: { skipDownload: true },
};
