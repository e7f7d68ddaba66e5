/**
 * Which browser recorded a HAR: `log.browser` (Firefox, Playwright), `log.creator` (Chrome DevTools
 * writes "WebInspector", Firefox "Firefox"), else the User-Agent of the first request.
 */
import { getHeader, type Header } from '../model/header.ts';
import type { BrowserName } from '../model/flow.ts';
import type { HarLogInfo } from '../har/read.ts';

function nameOf(s: string): BrowserName | null {
  const n = s.toLowerCase();
  if (/firefox|gecko/.test(n)) return 'firefox';
  if (/chrom|webinspector|edge|opera|brave/.test(n)) return 'chrome';
  return null;
}

/** The version in a User-Agent: `HeadlessChrome/156.0.0.0` → 156.0.0.0; `Firefox/153.0` → 153.0. */
export function versionFromUserAgent(ua: string | null, name: BrowserName): string | undefined {
  if (!ua) return undefined;
  const re = name === 'firefox' ? /Firefox\/([\d.]+)/ : /(?:HeadlessChrome|Chrome|Chromium)\/([\d.]+)/;
  return re.exec(ua)?.[1];
}

export function browserOfHar(log: HarLogInfo, firstHeaders: readonly Header[] | undefined): { name: BrowserName; version?: string } | undefined {
  const ua = getHeader(firstHeaders, 'user-agent');
  const fromBrowser = log.browser ? nameOf(log.browser.name) : null;
  if (fromBrowser) {
    const version = log.browser?.version || versionFromUserAgent(ua, fromBrowser);
    return version ? { name: fromBrowser, version } : { name: fromBrowser };
  }
  // Playwright names itself as the creator and the browser in log.browser; handled above.
  const fromCreator = log.creator && !/playwright|puppeteer|har/i.test(log.creator.name) ? nameOf(log.creator.name) : null;
  const fromUa = ua ? nameOf(ua.includes('Firefox/') ? 'firefox' : ua.includes('Chrome/') ? 'chrome' : '') : null;
  const name = fromCreator ?? fromUa;
  if (!name) return undefined;
  // DevTools' creator version is WebKit's 537.36, not Chrome's: take the version from the User-Agent.
  const version = name === 'firefox' && fromCreator && log.creator?.version ? log.creator.version : versionFromUserAgent(ua, name);
  return version ? { name, version } : { name };
}
