/**
 * Copying text from a DevTools extension panel. The panel is an iframe inside DevTools, and Chrome
 * does not delegate `clipboard-write` to it, so `navigator.clipboard.writeText` is refused there;
 * a selected hidden textarea and `document.execCommand('copy')` still work inside a user gesture.
 */
export async function copyText(text: string, doc: Document = document): Promise<boolean> {
  const nav = doc.defaultView?.navigator;
  try {
    if (nav?.clipboard?.writeText) {
      await nav.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused (permissions policy, no focus): fall back below.
  }
  return copyWithTextarea(text, doc);
}

export function copyWithTextarea(text: string, doc: Document = document): boolean {
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.setAttribute('aria-hidden', 'true');
  // Off-screen but selectable (display:none would make it unselectable).
  area.style.cssText = 'position:fixed;top:0;left:-9999px;width:1px;height:1px;opacity:0;';
  const focused = doc.activeElement as HTMLElement | null;
  doc.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = doc.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  focused?.focus?.();
  return ok;
}
