/**
 * Turning values from the network into text that is safe to show. Everything here is display only:
 * the raw values stay in the flow (copy buttons and exports use them).
 */

import { escapeControls, escapeOf, INVISIBLE_CHAR as ANY_INVISIBLE } from '../../src/report/escape.ts';

/**
 * A value cut into plain text and escapes, so that control and bidi characters are shown rather
 * than obeyed: `invoice\u202Etxt.exe`, never `invoiceexe.txt`.
 */
export function visibleParts(s: string): { text: string; escaped: boolean }[] {
  if (!ANY_INVISIBLE.test(s)) return [{ text: s, escaped: false }];
  const out: { text: string; escaped: boolean }[] = [];
  let plain = '';
  for (const c of s) {
    if (ANY_INVISIBLE.test(c)) {
      if (plain) out.push({ text: plain, escaped: false });
      plain = '';
      out.push({ text: escapeOf(c), escaped: true });
    } else plain += c;
  }
  if (plain) out.push({ text: plain, escaped: false });
  return out;
}

/** The same as one string (for attributes such as title). */
export const visible = escapeControls;

/** Splits a URL into its origin part and the rest, so that `origin + rest` is exactly the input. */
export function splitUrl(url: string): { origin: string; rest: string } {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(.*)$/is.exec(url);
  return m ? { origin: m[1]!, rest: m[2]! } : { origin: '', rest: url };
}

/** The host name of a URL ('' when it has none). */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** Longest value the detail shows before a "show all" control; 100 KB values must not stall layout. */
export const LONG_VALUE = 2000;

/** Cuts a long value for display; `cut` says how many characters were left out. */
export function clip(s: string, max = LONG_VALUE): { text: string; cut: number } {
  return s.length <= max ? { text: s, cut: 0 } : { text: s.slice(0, max), cut: s.length - max };
}
