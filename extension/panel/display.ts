/**
 * Turning values from the network into text that is safe to show. Everything here is display only:
 * the raw values stay in the flow (copy buttons and exports use them).
 */

/**
 * C0 controls, DEL, C1 controls, and the bidirectional formatting characters, which can reorder
 * what follows them (`txt.exe` shown as `exe.txt`).
 */
const ANY_INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const ESCAPES: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** How an invisible character is shown: `\n`, `\x07`, `\u202E` (readable in any font, and copyable). */
export function escapeOf(c: string): string {
  const code = c.codePointAt(0)!;
  return ESCAPES[c] ?? (code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`);
}

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
export function visible(s: string): string {
  return visibleParts(s)
    .map((p) => p.text)
    .join('');
}

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
