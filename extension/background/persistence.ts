/**
 * Keeps the tab store in `storage.session`, so that a stopped and restarted service worker (or
 * Firefox event page) loses nothing it captured. One key per record, so a write carries only what
 * changed; writes are coalesced: at most one in flight, the next one gathers what arrived meanwhile.
 */
import browser from 'webextension-polyfill';
import type { WebRequestRecord } from '../../src/model/webrequest.ts';
import type { StoreChange, TabStore } from './tab-store.ts';

const RECORD_PREFIX = 'r:';
/** Settings outlive the browser session, so they live in storage.local. */
const SETTINGS_KEY = 'settings';

export interface Settings {
  capPerTab: number;
}
const TAB_PREFIX = 't:';

interface TabMeta {
  dropped: number;
  preserveLog: boolean;
  order: string[];
}

const recordKey = (tabId: number, requestId: string) => `${RECORD_PREFIX}${tabId}:${requestId}`;

export class Persistence {
  private pendingSet = new Map<string, unknown>();
  private pendingRemove = new Set<string>();
  private dirtyTabs = new Set<number>();
  private inFlight: Promise<void> | null = null;

  constructor(private store: TabStore) {}

  /** Loads everything a previous instance of the worker saved, and the user's settings. */
  async load(): Promise<void> {
    const settings = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as Partial<Settings> | undefined;
    if (settings && typeof settings.capPerTab === 'number' && settings.capPerTab >= 100) this.store.capPerTab = settings.capPerTab;
    const all = (await browser.storage.session.get(null)) as Record<string, unknown>;
    for (const [key, value] of Object.entries(all)) {
      if (!key.startsWith(TAB_PREFIX)) continue;
      const tabId = Number(key.slice(TAB_PREFIX.length));
      const meta = value as TabMeta;
      const t = this.store.tab(tabId);
      t.dropped = meta.dropped;
      t.preserveLog = meta.preserveLog;
      for (const requestId of meta.order) {
        const rec = all[recordKey(tabId, requestId)] as WebRequestRecord | undefined;
        if (rec) t.records.set(requestId, rec);
      }
    }
  }

  record(change: StoreChange): void {
    for (const rec of change.upserted) {
      const k = recordKey(change.tabId, rec.requestId);
      this.pendingRemove.delete(k);
      this.pendingSet.set(k, rec);
    }
    for (const id of change.removed) {
      const k = recordKey(change.tabId, id);
      this.pendingSet.delete(k);
      this.pendingRemove.add(k);
    }
    this.dirtyTabs.add(change.tabId);
    this.flush();
  }

  forgetTab(tabId: number, requestIds: string[]): void {
    for (const id of requestIds) this.pendingRemove.add(recordKey(tabId, id));
    this.pendingRemove.add(`${TAB_PREFIX}${tabId}`);
    this.dirtyTabs.delete(tabId);
    this.flush();
  }

  async saveSettings(settings: Settings): Promise<void> {
    await browser.storage.local.set({ [SETTINGS_KEY]: settings }).catch((err) => console.warn('cors-lens: could not save settings:', err));
  }

  /** Resolves when everything recorded so far is in storage. */
  async settled(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  private flush(): void {
    if (this.inFlight) return;
    this.inFlight = this.write().finally(() => {
      this.inFlight = null;
      if (this.pendingSet.size || this.pendingRemove.size || this.dirtyTabs.size) this.flush();
    });
  }

  private async write(): Promise<void> {
    const set: Record<string, unknown> = Object.fromEntries(this.pendingSet);
    for (const tabId of this.dirtyTabs) {
      const t = this.store.tabs.get(tabId);
      if (!t) continue;
      const meta: TabMeta = { dropped: t.dropped, preserveLog: t.preserveLog, order: [...t.records.keys()] };
      set[`${TAB_PREFIX}${tabId}`] = meta;
    }
    const remove = [...this.pendingRemove];
    this.pendingSet.clear();
    this.pendingRemove.clear();
    this.dirtyTabs.clear();
    try {
      if (remove.length) await browser.storage.session.remove(remove);
      if (Object.keys(set).length) await browser.storage.session.set(set);
    } catch (err) {
      // Quota or a closing browser: capture goes on in memory; say so where a developer looks.
      console.warn('cors-lens: could not persist captured requests:', err);
    }
  }
}
