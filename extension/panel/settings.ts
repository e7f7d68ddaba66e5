/**
 * The background's settings as the panel sees them: the per-tab cap that the latest snapshot
 * reported, and the way to change it. The panel page has one (`panelSettings`), which
 * connection.ts feeds and sends through; tests make their own.
 */
import { signal, type Signal } from '@preact/signals';
import { CAP_PER_TAB, PROTOCOL_VERSION, type PanelMessage } from '../protocol.ts';

export interface PanelSettings {
  /** Requests each tab keeps before the oldest are dropped; null until the first snapshot. */
  capPerTab: Signal<number | null>;
  /** Asks the background for a new cap; its next snapshot brings the cap and the trimmed list. */
  setCap(capPerTab: number): void;
  /** Where `setCap` sends (connection.ts attaches its port). */
  attach(send: (msg: PanelMessage) => void): void;
}

export function createPanelSettings(): PanelSettings {
  let send: ((msg: PanelMessage) => void) | null = null;
  return {
    capPerTab: signal<number | null>(null),
    setCap(capPerTab) {
      if (parseCap(String(capPerTab)) === null) throw new RangeError(`cors-lens: a cap must be a whole number from ${CAP_PER_TAB.min} to ${CAP_PER_TAB.max}, not ${capPerTab}.`);
      send?.({ v: PROTOCOL_VERSION, type: 'set-cap', capPerTab });
    },
    attach(s) {
      send = s;
    },
  };
}

/** This panel page's settings. */
export const panelSettings = createPanelSettings();

/** A cap typed by the user (digits, optional separators), or null when it is not one the background takes. */
export function parseCap(text: string): number | null {
  const digits = text.trim().replace(/[\s,_'’]/g, '');
  if (!/^\d{1,7}$/.test(digits)) return null;
  const n = Number(digits);
  return n >= CAP_PER_TAB.min && n <= CAP_PER_TAB.max ? n : null;
}
