import type { Runtime } from 'webextension-polyfill';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebRequestEvent } from '../../src/model/webrequest.ts';
import type { BackgroundMessage } from '../protocol.ts';
import { BATCH_MS, PanelPorts } from './panel-ports.ts';
import { TabStore } from './tab-store.ts';

function fakePort() {
  const sent: BackgroundMessage[] = [];
  const onDisconnect: (() => void)[] = [];
  const port = {
    name: 'cors-lens/panel',
    postMessage: (m: BackgroundMessage) => void sent.push(m),
    onDisconnect: { addListener: (f: () => void) => void onDisconnect.push(f) },
  } as unknown as Runtime.Port;
  return { port, sent, disconnect: () => onDisconnect.forEach((f) => f()) };
}

const ev = (requestId: string, event: WebRequestEvent['event'] = 'beforeRequest', tabId = 1): WebRequestEvent => ({
  event,
  requestId,
  tabId,
  url: `https://api.test/${requestId}`,
  method: 'GET',
  type: 'xmlhttprequest',
  timeStamp: 1,
});

describe('PanelPorts', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('sends a snapshot on subscribe, then batches a burst of changes into one message', () => {
    const store = new TabStore();
    const ports = new PanelPorts(store);
    store.apply(ev('0'));
    const p = fakePort();
    ports.subscribe(p.port, 1);
    expect(p.sent.map((m) => m.type)).toEqual(['snapshot']);

    for (let i = 1; i <= 500; i++) {
      ports.changed(store.apply(ev(String(i)))!);
      ports.changed(store.apply(ev(String(i), 'completed'))!);
    }
    expect(p.sent).toHaveLength(1); // nothing before the batch is due
    vi.advanceTimersByTime(BATCH_MS);
    expect(p.sent).toHaveLength(2);
    const batch = p.sent[1]!;
    expect(batch.type).toBe('records');
    if (batch.type !== 'records') return;
    // One entry per record, in its latest state.
    expect(batch.records).toHaveLength(500);
    expect(batch.records.every((r) => r.state === 'complete')).toBe(true);
  });

  it('only tells a panel about its own tab, and forgets a panel that went away', () => {
    const store = new TabStore();
    const ports = new PanelPorts(store);
    const a = fakePort();
    const b = fakePort();
    ports.subscribe(a.port, 1);
    ports.subscribe(b.port, 2);
    ports.changed(store.apply(ev('x', 'beforeRequest', 2))!);
    vi.advanceTimersByTime(BATCH_MS);
    expect(a.sent.map((m) => m.type)).toEqual(['snapshot']);
    expect(b.sent.map((m) => m.type)).toEqual(['snapshot', 'records']);

    b.disconnect();
    ports.changed(store.apply(ev('y', 'beforeRequest', 2))!);
    vi.advanceTimersByTime(BATCH_MS);
    expect(b.sent).toHaveLength(2);
  });

  it('says "cleared" at once when a navigation starts a new log', () => {
    const store = new TabStore();
    const ports = new PanelPorts(store);
    const p = fakePort();
    ports.changed(store.apply(ev('1'))!);
    ports.subscribe(p.port, 1);
    ports.changed(store.apply({ ...ev('2'), type: 'main_frame' })!);
    expect(p.sent.map((m) => m.type)).toEqual(['snapshot', 'cleared']);
    vi.advanceTimersByTime(BATCH_MS);
    expect(p.sent.map((m) => m.type)).toEqual(['snapshot', 'cleared', 'records']);
  });
});
