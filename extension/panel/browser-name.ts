import type { BrowserName } from '../../src/model/index.ts';

/** The browser the panel runs in: its console messages are shown first. */
export function runningIn(userAgent: string = navigator.userAgent): BrowserName {
  return /\bFirefox\//.test(userAgent) ? 'firefox' : 'chrome';
}
