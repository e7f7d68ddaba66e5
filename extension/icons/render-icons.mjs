// Renders extension/icons/icon.svg to the PNG sizes the manifest lists (public/icons/icon-N.png).
// Run by hand after changing the SVG: node extension/icons/render-icons.mjs
import { readFileSync } from 'node:fs';
import puppeteer from 'puppeteer';

const svg = readFileSync(new URL('./icon.svg', import.meta.url), 'utf8');
const browser = await puppeteer.launch({
  executablePath: process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage();
for (const size of [16, 32, 48, 128]) {
  await page.setViewport({ width: 256, height: 256 });
  await page.setContent(`<body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body>`);
  await page.screenshot({ path: `public/icons/icon-${size}.png`, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}
await browser.close();
