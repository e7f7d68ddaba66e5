/**
 * Long-lived ports to DevTools panels, one per inspected tab. Changes are batched: under a burst of
 * requests a panel gets one message per BATCH_MS, not one per webRequest event.
 */
import type { Runtime } from 'webextension-polyfill';
import type { WebRequestRecord } from '../../src/model/webrequest.ts';
import { PROTOCOL_VERSION, type BackgroundMessage } from '../protocol.ts';
import type { StoreChange, TabStore } from './tab-store.ts';

export const BATCH_MS = 100;

interface Subscriber {
  port: Runtime.Port;
  tabId: number;
  pending: Map<string, WebRequestRecord>;
  timer: ReturnType<typeof setTimeout> | null;
}

export class PanelPorts {
  private subscribers = new Set<Subscriber>();
  constructor(private store: TabStore) {}

  subscribe(port: Runtime.Port, tabId: number): void {
    for (const s of this.subscribers) if (s.port === port) this.subscribers.delete(s);
    const sub: Subscriber = { port, tabId, pending: new Map(), timer: null };
    this.subscribers.add(sub);
    port.onDisconnect.addListener(() => {
      if (sub.timer) clearTimeout(sub.timer);
      this.subscribers.delete(sub);
    });
    this.snapshot(sub);
  }

  /** Every panel gets a fresh snapshot: after the cap changed, what each holds and the cap itself. */
  resync(): void {
    for (const sub of this.subscribers) {
      if (sub.timer) clearTimeout(sub.timer);
      sub.timer = null;
      sub.pending.clear();
      this.snapshot(sub);
    }
  }

  private snapshot(sub: Subscriber): void {
    const t = this.store.tab(sub.tabId);
    this.send(sub, {
      v: PROTOCOL_VERSION,
      type: 'snapshot',
      tabId: sub.tabId,
      records: this.store.list(sub.tabId),
      dropped: t.dropped,
      preserveLog: t.preserveLog,
      capPerTab: this.store.capPerTab,
    });
  }

  changed(change: StoreChange): void {
    for (const sub of this.subscribers) {
      if (sub.tabId !== change.tabId) continue;
      if (change.cleared) {
        sub.pending.clear();
        this.send(sub, { v: PROTOCOL_VERSION, type: 'cleared', tabId: change.tabId });
      }
      for (const rec of change.upserted) sub.pending.set(rec.requestId, rec);
      if (!sub.timer && sub.pending.size) sub.timer = setTimeout(() => this.flush(sub), BATCH_MS);
    }
  }

  private flush(sub: Subscriber): void {
    sub.timer = null;
    if (!sub.pending.size) return;
    const records = [...sub.pending.values()];
    sub.pending.clear();
    this.send(sub, {
      v: PROTOCOL_VERSION,
      type: 'records',
      tabId: sub.tabId,
      records,
      dropped: this.store.tab(sub.tabId).dropped,
    });
  }

  private send(sub: Subscriber, msg: BackgroundMessage): void {
    try {
      sub.port.postMessage(msg);
    } catch {
      this.subscribers.delete(sub); // the panel went away between two batches
    }
  }
}
