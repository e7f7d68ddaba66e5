// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { applyTheme, followDevToolsTheme, PALETTES, themeOf, type Palette } from './theme.ts';

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
/** WCAG 2 contrast ratio. */
function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

// Every text colour on every background panel.css puts it on.
const TEXT_ON: [keyof Palette, keyof Palette][] = [
  ['fg', 'bg'], ['fg', 'toolbar'], ['fg', 'hover'], ['fg', 'selected'], ['fg', 'highlight'], ['fg', 'code'], ['fg', 'badge'],
  ['fg', 'errorBg'], ['fg', 'warningBg'],
  ['dim', 'bg'], ['dim', 'toolbar'], ['dim', 'hover'], ['dim', 'selected'], ['dim', 'highlight'], ['dim', 'badge'],
  ['error', 'bg'], ['error', 'errorBg'], ['error', 'hover'], ['error', 'selected'], ['error', 'toolbar'],
  ['warning', 'bg'], ['warning', 'warningBg'], ['warning', 'toolbar'], ['warning', 'hover'], ['warning', 'selected'],
  ['ok', 'bg'], ['ok', 'hover'], ['ok', 'selected'],
  ['link', 'bg'], ['link', 'errorBg'], ['link', 'warningBg'],
  ['bg', 'focus'], // the primary button's label
];

describe('palettes', () => {
  for (const [name, p] of Object.entries(PALETTES)) {
    it(`${name}: text keeps a contrast of at least 4.5:1`, () => {
      const low = TEXT_ON.map(([fg, bg]) => ({ pair: `${fg} on ${bg}`, ratio: contrast(p[fg], p[bg]) })).filter((x) => x.ratio < 4.5);
      expect(low).toEqual([]);
    });
    it(`${name}: control borders stand out (3:1, non-text) wherever a control sits`, () => {
      const low = (['bg', 'toolbar', 'hover', 'selected'] as const)
        .map((bg) => ({ pair: `control on ${bg}`, ratio: contrast(p.control, p[bg]) }))
        .filter((x) => x.ratio < 3);
      expect(low).toEqual([]);
    });
    it(`${name}: the focus ring stands out (3:1, non-text)`, () => {
      for (const bg of ['bg', 'toolbar', 'selected'] as const) expect(contrast(p.focus, p[bg])).toBeGreaterThanOrEqual(3);
    });
  }
});

describe('the stylesheets', () => {
  it('draw the borders of text inputs, selects and buttons in the control colour', () => {
    const css = ['panel.css', 'styles/export.css'].map((f) => readFileSync(new URL(f, import.meta.url), 'utf8')).join('\n');
    const rules = [...css.matchAll(/([^{}]+)\{([^}]*)\}/g)].map(([, sel, body]) => ({ sel: sel!.trim(), body: body! }));
    for (const control of ["input[type='search']", "input[type='number']", 'select', 'button', ':is(.export, .popover) summary']) {
      const border = rules.filter((r) => r.sel.split(/,\s*\n\s*/).includes(control) && /(^|;|\s)border:/.test(r.body));
      expect(border.length, control).toBeGreaterThan(0);
      for (const r of border) expect(r.body, control).toContain('var(--control)');
    }
  });
});

describe('following the DevTools theme', () => {
  it('names: Chrome default/dark, Firefox light/dark', () => {
    expect([themeOf('default'), themeOf('dark'), themeOf('light'), themeOf(undefined)]).toEqual(['light', 'dark', 'light', 'light']);
  });
  it('Firefox: applies the theme now and on onThemeChanged, and stops', () => {
    let listener: ((n: string) => void) | null = null;
    const panels = {
      themeName: 'light',
      onThemeChanged: { addListener: (cb: (n: string) => void) => void (listener = cb), removeListener: vi.fn() },
    };
    const seen: string[] = [];
    const stop = followDevToolsTheme(panels, (t) => seen.push(t));
    listener!('dark');
    stop();
    expect(seen).toEqual(['light', 'dark']);
    expect(panels.onThemeChanged.removeListener).toHaveBeenCalledWith(listener);
  });
  it('Chrome: uses setThemeChangeHandler', () => {
    let handler: ((n: string) => void) | undefined;
    const seen: string[] = [];
    followDevToolsTheme({ themeName: 'dark', setThemeChangeHandler: (cb) => void (handler = cb) }, (t) => seen.push(t));
    handler!('default');
    expect(seen).toEqual(['dark', 'light']);
  });
  it('sets the palette as CSS variables and the colour scheme', () => {
    applyTheme(document.documentElement, 'dark');
    const root = document.documentElement;
    expect(root.dataset.theme).toBe('dark');
    expect(root.style.getPropertyValue('--error-bg')).toBe(PALETTES.dark.errorBg);
    expect(root.style.colorScheme).toBe('dark');
  });
});
