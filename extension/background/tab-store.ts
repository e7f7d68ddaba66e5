/**
 * The per-tab store of captured requests. No browser API here: the background feeds it events and
 * persists what it reports as changed, which keeps it testable in Node.
 */
import { applyWebRequestEvent } from '../../src/correlate/webrequest-record.ts';
import type { WebRequestEvent, WebRequestRecord } from '../../src/model/webrequest.ts';

export const DEFAULT_CAP_PER_TAB = 5000;
/**
 * How many closed tabs are remembered. Late events come seconds after a tab closes, and neither
 * Chrome nor Firefox reuses a tab id within a browser session, so the most recent ones suffice.
 */
export const MAX_CLOSED_TABS = 1000;

export interface TabState {
  tabId: number;
  records: Map<string, WebRequestRecord>;
  /** Records evicted because the tab passed its cap, oldest first. */
  dropped: number;
  preserveLog: boolean;
}

/** What one change did, so that the caller can persist and broadcast exactly that. */
export interface StoreChange {
  tabId: number;
  upserted: WebRequestRecord[];
  removed: string[];
  cleared: boolean;
}

export class TabStore {
  readonly tabs = new Map<number, TabState>();
  /** Tabs the browser closed: late events of their requests must not bring them back (ids are not reused). */
  private readonly closed = new Set<number>();
  constructor(public capPerTab = DEFAULT_CAP_PER_TAB) {}

  tab(tabId: number): TabState {
    let t = this.tabs.get(tabId);
    if (!t) {
      t = { tabId, records: new Map(), dropped: 0, preserveLog: false };
      this.tabs.set(tabId, t);
    }
    return t;
  }

  /** Folds a webRequest event in. Requests not tied to a tab (tabId < 0) or of a closed tab are ignored. */
  apply(ev: WebRequestEvent): StoreChange | null {
    if (ev.tabId < 0 || this.closed.has(ev.tabId)) return null;
    const t = this.tab(ev.tabId);
    const change: StoreChange = { tabId: ev.tabId, upserted: [], removed: [], cleared: false };
    // A new top-level document starts a new log unless the user keeps it.
    if (ev.event === 'beforeRequest' && ev.type === 'main_frame' && !t.records.has(ev.requestId) && !t.preserveLog) {
      if (t.records.size > 0 || t.dropped > 0) {
        change.removed.push(...t.records.keys());
        t.records.clear();
        t.dropped = 0;
        change.cleared = true;
      }
    }
    const next = applyWebRequestEvent(t.records.get(ev.requestId), ev);
    t.records.set(ev.requestId, next);
    change.upserted.push(next);
    while (t.records.size > this.capPerTab) {
      const oldest = t.records.keys().next().value as string;
      t.records.delete(oldest);
      t.dropped++;
      change.removed.push(oldest);
    }
    return change;
  }

  clear(tabId: number): StoreChange {
    const t = this.tab(tabId);
    const removed = [...t.records.keys()];
    t.records.clear();
    t.dropped = 0;
    return { tabId, upserted: [], removed, cleared: true };
  }

  /** Changes the cap; tabs over the new cap drop their oldest records now. */
  setCap(capPerTab: number): StoreChange[] {
    this.capPerTab = capPerTab;
    const changes: StoreChange[] = [];
    for (const t of this.tabs.values()) {
      const change: StoreChange = { tabId: t.tabId, upserted: [], removed: [], cleared: false };
      while (t.records.size > capPerTab) {
        const oldest = t.records.keys().next().value as string;
        t.records.delete(oldest);
        t.dropped++;
        change.removed.push(oldest);
      }
      if (change.removed.length) changes.push(change);
    }
    return changes;
  }

  setPreserveLog(tabId: number, preserveLog: boolean): void {
    this.tab(tabId).preserveLog = preserveLog;
  }

  /** Forgets a closed tab for good; returns the request ids it held. */
  removeTab(tabId: number): string[] {
    this.markClosed([tabId]);
    const t = this.tabs.get(tabId);
    this.tabs.delete(tabId);
    return t ? [...t.records.keys()] : [];
  }

  /** Tabs known to be closed, oldest first (what persistence saves, so a restart remembers them). */
  closedTabs(): number[] {
    return [...this.closed];
  }

  /** Remembers tabs as closed (from a previous instance, or now), keeping the most recent ones. */
  markClosed(tabIds: Iterable<number>): void {
    for (const id of tabIds) {
      this.closed.delete(id);
      this.closed.add(id);
    }
    for (const id of this.closed) {
      if (this.closed.size <= MAX_CLOSED_TABS) break;
      this.closed.delete(id);
    }
  }

  isClosed(tabId: number): boolean {
    return this.closed.has(tabId);
  }

  /** Records of a tab in the order they started. */
  list(tabId: number): WebRequestRecord[] {
    return [...this.tab(tabId).records.values()];
  }
}
