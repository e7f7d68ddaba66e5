/** What components reach through context: the state, and the few side effects (for tests to replace). */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { copyText } from './clipboard.ts';
import { downloadText } from './download.ts';
import { panelSettings, type PanelSettings } from './settings.ts';
import type { PanelState } from './state.ts';

export interface PanelServices {
  state: PanelState;
  copy(text: string): Promise<boolean>;
  download(filename: string, text: string, type: string): void;
  now(): Date;
  /** The background's settings (the per-tab cap); without it the panel offers no settings. */
  settings?: PanelSettings;
}

export const PanelContext = createContext<PanelServices | null>(null);

export function usePanel(): PanelServices {
  const ctx = useContext(PanelContext);
  if (!ctx) throw new Error('cors-lens: a panel component was rendered outside <PanelContext.Provider>.');
  return ctx;
}

export function defaultServices(state: PanelState): PanelServices {
  return { state, copy: (t) => copyText(t), download: (f, t, type) => downloadText(f, t, type), now: () => new Date(), settings: panelSettings };
}
