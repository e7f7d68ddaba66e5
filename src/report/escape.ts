/**
 * Values from the network made safe to print: C0 controls, DEL, C1 controls and the bidirectional
 * formatting characters are written as visible escapes (`\x1B`, `\u202E`), so a header value can
 * neither drive a terminal (colours, OSC 8 links, cursor moves) nor reorder what follows it.
 */

/**
 * The characters escaped (the panel shows the same ones escaped: extension/panel/display.ts). Tests one
 * character, or whether a string holds any (no `g` flag, so no lastIndex state).
 */
export const INVISIBLE_CHAR = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const INVISIBLE = new RegExp(INVISIBLE_CHAR.source, 'g');

const NAMED: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** How an invisible character is shown: `\n`, `\x07`, `\u202E` (readable in any font, and copyable). */
export function escapeOf(c: string): string {
  const code = c.codePointAt(0)!;
  return NAMED[c] ?? (code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`);
}

/** `s` with every control and bidi character replaced by its escape. */
export function escapeControls(s: string): string {
  return s.replace(INVISIBLE, escapeOf);
}

/** The same, keeping line breaks (for texts made of several lines, such as Firefox's messages). */
export function escapeControlsByLine(s: string): string {
  return s.split('\n').map(escapeControls).join('\n');
}
