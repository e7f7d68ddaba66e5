/**
 * Turning values from the network into text that is safe to show. Everything here is display only:
 * the raw values stay in the flow (copy buttons and exports use them).
 */

/** Bidirectional formatting characters: they can reorder what follows them (e.g. `txt.exe` shown as `exe.txt`). */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// C0 controls, DEL and C1 controls.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
const ANY_INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const hex = (c: string) => c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');

/**
 * Shows control and bidi characters as visible marks instead of letting them act: C0 controls as
 * their Unicode control pictures (␊, ␀ …), DEL as ␡, the rest as ⟨U+202E⟩.
 */
export function visible(s: string): string {
  if (!ANY_INVISIBLE.test(s)) return s;
  return s
    .replace(CONTROLS, (c) => {
      const code = c.charCodeAt(0);
      if (code < 0x20) return String.fromCharCode(0x2400 + code);
      if (code === 0x7f) return '\u2421';
      return `⟨U+${hex(c)}⟩`;
    })
    .replace(BIDI_CONTROLS, (c) => `⟨U+${hex(c)}⟩`);
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
