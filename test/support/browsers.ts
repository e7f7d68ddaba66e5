/**
 * Where the test browsers are: the system's (Debian's chromium / firefox-esr), or the ones
 * puppeteer downloaded into its cache. No puppeteer import here, so the check is cheap.
 */
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Browser, computeExecutablePath } from '@puppeteer/browsers';

export const PUPPETEER_CACHE = process.env.PUPPETEER_CACHE_DIR ?? join(homedir(), '.cache', 'puppeteer');

export const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
export const SYSTEM_FIREFOX = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

/** The newest browser of a kind puppeteer has downloaded into its cache, if any. */
export function downloadedBrowser(browser: Browser.CHROME | Browser.FIREFOX): string | null {
  const dir = join(PUPPETEER_CACHE, browser);
  if (!existsSync(dir)) return null;
  const builds = readdirSync(dir)
    .map((entry) => entry.slice(entry.indexOf('-') + 1))
    .sort()
    .reverse();
  for (const buildId of builds) {
    const path = computeExecutablePath({ browser, buildId, cacheDir: PUPPETEER_CACHE });
    if (existsSync(path)) return path;
  }
  return null;
}

export function systemBrowser(candidates: string[], envVar: string): string | null {
  const fromEnv = process.env[envVar];
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return candidates.find((p) => existsSync(p)) ?? null;
}

export function chromiumPath(): string | null {
  return systemBrowser(SYSTEM_CHROMIUM, 'PUPPETEER_EXECUTABLE_PATH') ?? downloadedBrowser(Browser.CHROME);
}

export function firefoxPath(): string | null {
  return systemBrowser(SYSTEM_FIREFOX, 'CORS_LENS_FIREFOX') ?? downloadedBrowser(Browser.FIREFOX);
}
