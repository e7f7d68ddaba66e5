/**
 * Keeps the tab store in `storage.session`, so that a stopped and restarted service worker (or
 * Firefox event page) loses nothing it captured. One key per record, so a write carries only what
 * changed; writes are coalesced: at most one in flight, the next one gathers what arrived meanwhile.
 *
 * storage.session holds ~10 MB. What does not fit goes to an overflow area — IndexedDB in the
 * extension — rather than storage.local: IndexedDB needs no permission (storage.local would need
 * `unlimitedStorage` for the same room), and like storage.session it is emptied when a new browser
 * session starts (a marker key in storage.session tells a new session from a restarted worker).
 * A batch that does not fit is retried key by key, so one large record never sinks the others or
 * the tab's list. A record that fits nowhere is counted on load as dropped, never lost silently.
 */
import type { WebRequestRecord } from '../../src/model/webrequest.ts';
import type { StoreChange, TabStore } from './tab-store.ts';

/** The part of `storage.StorageArea` used here; the IndexedDB overflow has the same shape. */
export interface KeyValueArea {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
  clear(): Promise<void>;
}

export interface PersistenceAreas {
  /** storage.session: fast, emptied with the browser session, ~10 MB. */
  session: KeyValueArea;
  /** Where what storage.session refuses goes. */
  overflow: KeyValueArea;
  /** storage.local: only the settings, which outlive the browser session. */
  settings: Pick<KeyValueArea, 'set'> & { get(key: string): Promise<Record<string, unknown>> };
}

const RECORD_PREFIX = 'r:';
const SETTINGS_KEY = 'settings';
/** Present in storage.session from the first load of a browser session on. */
const SESSION_MARK = 'session';
/**
 * The closed tabs, so that a restarted worker still ignores their late events. It lives (and
 * expires) with the browser session, as tab ids do: a new session may reuse them.
 */
const CLOSED_KEY = 'closed';

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
const warn = (what: string) => (err: unknown) => console.warn(`cors-lens: ${what}:`, err);

export class Persistence {
  private pendingSet = new Map<string, unknown>();
  private pendingRemove = new Set<string>();
  private dirtyTabs = new Set<number>();
  private closedDirty = false;
  private inFlight: Promise<void> | null = null;
  /** Keys whose current value lives in the overflow area rather than storage.session. */
  private inOverflow = new Set<string>();
  /** Records this worker could store nowhere (they stay in memory; a restart counts them dropped). */
  unpersisted = 0;

  /** How many keys live in the overflow area now (for tests and debugging). */
  get overflowKeys(): number {
    return this.inOverflow.size;
  }

  constructor(
    private store: TabStore,
    private areas: PersistenceAreas,
  ) {}

  /** Loads everything a previous instance of the worker saved, and the user's settings. */
  async load(): Promise<void> {
    const settings = (await this.areas.settings.get(SETTINGS_KEY))[SETTINGS_KEY] as Partial<Settings> | undefined;
    if (settings && typeof settings.capPerTab === 'number' && settings.capPerTab >= 100) this.store.capPerTab = settings.capPerTab;
    const session = await this.areas.session.get(null);
    let overflow: Record<string, unknown> = {};
    if (SESSION_MARK in session) {
      overflow = await this.areas.overflow.get(null).catch((err) => (warn('could not read the overflow store')(err), {}));
    } else {
      // A new browser session: what the overflow holds belongs to a previous one.
      await this.areas.overflow.clear().catch(warn('could not clear the overflow store'));
      await this.areas.session.set({ [SESSION_MARK]: true }).catch(warn('could not mark the session'));
    }
    for (const k of Object.keys(overflow)) this.inOverflow.add(k);
    const value = (k: string) => pickNewer(session[k], overflow[k]);

    const closed = value(CLOSED_KEY);
    if (Array.isArray(closed)) this.store.markClosed(closed.filter((id): id is number => Number.isInteger(id)));
    for (const key of new Set([...Object.keys(session), ...Object.keys(overflow)])) {
      if (!key.startsWith(TAB_PREFIX)) continue;
      const tabId = Number(key.slice(TAB_PREFIX.length));
      const meta = value(key) as TabMeta;
      if (this.store.isClosed(tabId)) {
        // The previous instance stopped before it had removed a closed tab's keys.
        this.forgetTab(tabId, meta.order);
        continue;
      }
      const t = this.store.tab(tabId);
      t.dropped = meta.dropped;
      t.preserveLog = meta.preserveLog;
      let lost = 0;
      for (const requestId of meta.order) {
        const rec = value(recordKey(tabId, requestId)) as WebRequestRecord | undefined;
        if (rec) t.records.set(requestId, rec);
        else lost++;
      }
      if (lost) {
        // Counted with the evicted ones, so the panel shows that requests are missing.
        t.dropped += lost;
        this.dirtyTabs.add(tabId);
        console.warn(`cors-lens: ${lost} captured requests of tab ${tabId} could not be restored`);
      }
    }
    if (this.dirtyTabs.size) this.flush();
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
    for (const id of requestIds) {
      const k = recordKey(tabId, id);
      this.pendingSet.delete(k);
      this.pendingRemove.add(k);
    }
    this.pendingRemove.add(`${TAB_PREFIX}${tabId}`);
    this.dirtyTabs.delete(tabId);
    this.closedDirty = true;
    this.flush();
  }

  async saveSettings(settings: Settings): Promise<void> {
    await this.areas.settings.set({ [SETTINGS_KEY]: settings }).catch(warn('could not save settings'));
  }

  /** Resolves when everything recorded so far is in storage. */
  async settled(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  private flush(): void {
    if (this.inFlight) return;
    this.inFlight = this.write().finally(() => {
      this.inFlight = null;
      if (this.pendingSet.size || this.pendingRemove.size || this.dirtyTabs.size || this.closedDirty) this.flush();
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
    const closed = this.closedDirty ? this.store.closedTabs() : null;
    this.pendingSet.clear();
    this.pendingRemove.clear();
    this.dirtyTabs.clear();
    this.closedDirty = false;

    // Before the closed tabs' keys go: a worker stopped in between must still know them closed.
    if (closed) await this.put({ [CLOSED_KEY]: closed });
    if (remove.length) {
      await this.areas.session.remove(remove).catch(warn('could not remove requests from storage'));
      await this.removeFromOverflow(remove);
    }
    if (Object.keys(set).length) await this.put(set);
  }

  /** Writes to storage.session, what it refuses to the overflow, and drops older overflow copies. */
  private async put(set: Record<string, unknown>): Promise<void> {
    const refused = await this.setInSession(set);
    await this.removeFromOverflow(Object.keys(set).filter((k) => !(k in refused)));
    if (Object.keys(refused).length) await this.spill(refused);
  }

  /** Writes to storage.session; returns what it refused (quota), retried one key at a time. */
  private async setInSession(set: Record<string, unknown>): Promise<Record<string, unknown>> {
    try {
      await this.areas.session.set(set);
      return {};
    } catch {
      const refused: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(set)) {
        await this.areas.session.set({ [k]: v }).catch(() => (refused[k] = v));
      }
      return refused;
    }
  }

  private async spill(items: Record<string, unknown>): Promise<void> {
    const stored: string[] = [];
    const failed: string[] = [];
    await this.areas.overflow.set(items).then(
      () => void stored.push(...Object.keys(items)),
      // One at a time, so that what does fit (the tab's small list, above all) is still kept.
      async () => {
        for (const [k, v] of Object.entries(items)) {
          await this.areas.overflow.set({ [k]: v }).then(
            () => void stored.push(k),
            () => void failed.push(k),
          );
        }
      },
    );
    for (const k of stored) this.inOverflow.add(k);
    // An older value of the same key may still be in storage.session.
    if (stored.length) await this.areas.session.remove(stored).catch(() => undefined);
    if (failed.length) {
      this.unpersisted += failed.filter((k) => k.startsWith(RECORD_PREFIX)).length;
      console.warn(`cors-lens: could not persist ${failed.length} captured values (${this.unpersisted} requests in all); they are kept in memory only`);
    }
  }

  private async removeFromOverflow(keys: string[]): Promise<void> {
    const there = keys.filter((k) => this.inOverflow.delete(k));
    if (there.length) await this.areas.overflow.remove(there).catch(warn('could not remove requests from the overflow store'));
  }
}

/** A key found in both areas (a worker stopped mid-move): the record with the later revision wins. */
function pickNewer(a: unknown, b: unknown): unknown {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const rev = (x: unknown) => ((x as { revision?: unknown }).revision as number | undefined) ?? -1;
  return rev(a) > rev(b) ? a : b;
}
