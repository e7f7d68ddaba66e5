/**
 * Follows the DevTools theme. Chrome names it 'default' (light) or 'dark' and reports changes to
 * `devtools.panels.setThemeChangeHandler`; Firefox names it 'light' or 'dark' and fires
 * `devtools.panels.onThemeChanged`. The palettes below become CSS variables on the root element;
 * panel.css uses only those. Text colours keep a contrast of at least 4.5:1 on every background
 * they are used on, and control borders 3:1 (theme.test.ts checks both).
 */
export type Theme = 'light' | 'dark';

export interface Palette {
  bg: string;
  fg: string;
  /** Secondary text (column headers, origins, hints). */
  dim: string;
  border: string;
  /** Borders of inputs, selects and buttons: at least 3:1 on what they sit on (WCAG 1.4.11). */
  control: string;
  toolbar: string;
  hover: string;
  selected: string;
  focus: string;
  error: string;
  errorBg: string;
  warning: string;
  warningBg: string;
  ok: string;
  badge: string;
  code: string;
  /** Background of CORS-relevant header rows. */
  highlight: string;
  link: string;
}

// Close to DevTools' own colours (light: white surfaces, #1f1f1f text; dark: #202124 surfaces).
export const PALETTES: Record<Theme, Palette> = {
  light: {
    bg: '#ffffff',
    fg: '#1f1f1f',
    dim: '#5f6368',
    border: '#d3d6da',
    control: '#767b80',
    toolbar: '#f1f3f4',
    hover: '#eef1f4',
    selected: '#d3e3fd',
    focus: '#0b57d0',
    error: '#b3261e',
    errorBg: '#fce8e6',
    warning: '#7a4a00',
    warningBg: '#fef7e0',
    ok: '#146c2e',
    badge: '#e8eaed',
    code: '#f8f9fa',
    highlight: '#fff4d6',
    link: '#0b57d0',
  },
  dark: {
    bg: '#202124',
    fg: '#e3e3e3',
    dim: '#a8abb0',
    border: '#474a4f',
    control: '#80868b',
    toolbar: '#292a2d',
    hover: '#303134',
    selected: '#0b3a5e',
    focus: '#7cacf8',
    error: '#f28b82',
    errorBg: '#3c2624',
    warning: '#fdd663',
    warningBg: '#3a3320',
    ok: '#81c995',
    badge: '#3c4043',
    code: '#28292c',
    highlight: '#3a3320',
    link: '#8ab4f8',
  },
};

export interface ThemePanels {
  themeName?: string;
  /** Firefox. */
  onThemeChanged?: { addListener(cb: (name: string) => void): void; removeListener(cb: (name: string) => void): void };
  /** Chrome (not in the polyfill's types). */
  setThemeChangeHandler?: (cb?: (name: string) => void) => void;
}

export function themeOf(name: string | undefined | null): Theme {
  return name === 'dark' ? 'dark' : 'light';
}

const cssName = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

export function applyTheme(root: HTMLElement, theme: Theme): void {
  root.dataset.theme = theme;
  root.style.colorScheme = theme;
  for (const [key, value] of Object.entries(PALETTES[theme])) root.style.setProperty(cssName(key), value);
}

/** Applies the current theme now and on every change; returns a function that stops following. */
export function followDevToolsTheme(panels: ThemePanels, apply: (theme: Theme) => void): () => void {
  apply(themeOf(panels.themeName));
  const onChange = (name: string) => apply(themeOf(name));
  if (panels.onThemeChanged) {
    panels.onThemeChanged.addListener(onChange);
    return () => panels.onThemeChanged?.removeListener(onChange);
  }
  if (typeof panels.setThemeChangeHandler === 'function') {
    panels.setThemeChangeHandler(onChange);
    return () => panels.setThemeChangeHandler?.();
  }
  return () => undefined;
}
