import { describe, expect, it } from 'vitest';
import type { WebRequestEvent } from '../../src/model/webrequest.ts';
import { Persistence, type KeyValueArea, type PersistenceAreas } from './persistence.ts';
import { TabStore } from './tab-store.ts';

/** An in-memory storage area that refuses, as a whole, any write that would pass its quota. */
class FakeArea implements KeyValueArea {
  data = new Map<string, string>();
  constructor(
    public quotaBytes = Infinity,
    public maxItemBytes = Infinity,
  ) {}
  private size(next: Map<string, string>) {
    let n = 0;
    for (const [k, v] of next) n += k.length + v.length;
    return n;
  }
  async get() {
    return Object.fromEntries([...this.data].map(([k, v]) => [k, JSON.parse(v)]));
  }
  async set(items: Record<string, unknown>) {
    const next = new Map(this.data);
    for (const [k, v] of Object.entries(items)) {
      const json = JSON.stringify(v);
      if (json.length > this.maxItemBytes) throw new Error('item too large');
      next.set(k, json);
    }
    if (this.size(next) > this.quotaBytes) throw new Error('Resource::kQuotaBytes quota exceeded');
    this.data = next;
  }
  async remove(keys: string[]) {
    for (const k of keys) this.data.delete(k);
  }
  async clear() {
    this.data.clear();
  }
}

const areas = (sessionQuota: number, overflow = new FakeArea()): PersistenceAreas & { session: FakeArea; overflow: FakeArea } => ({
  session: new FakeArea(sessionQuota),
  overflow,
  settings: { get: async () => ({}), set: async () => undefined },
});

const ev = (requestId: string, headerBytes: number): WebRequestEvent => ({
  event: 'sendHeaders',
  requestId,
  tabId: 7,
  url: `https://api.test/${requestId}`,
  method: 'GET',
  type: 'xmlhttprequest',
  timeStamp: Number(requestId),
  requestHeaders: [{ name: 'X-Big', value: 'v'.repeat(headerBytes) }],
});

async function capture(a: PersistenceAreas, n: number, headerBytes: number) {
  const store = new TabStore();
  const p = new Persistence(store, a);
  await p.load();
  for (let i = 0; i < n; i++) p.record(store.apply({ ...ev(String(i), headerBytes), event: 'beforeRequest' })!);
  for (let i = 0; i < n; i++) p.record(store.apply(ev(String(i), headerBytes))!);
  await p.settled();
  return { store, p };
}

async function restart(a: PersistenceAreas) {
  const store = new TabStore();
  await new Persistence(store, a).load();
  return store;
}

describe('Persistence', () => {
  it('restores every record across a restart when storage.session is full', async () => {
    const a = areas(100_000);
    const { store } = await capture(a, 60, 5_000); // ~300 kB: three times the quota
    expect(store.list(7)).toHaveLength(60);
    const restored = await restart(a);
    expect(restored.list(7).map((r) => r.requestId)).toEqual(store.list(7).map((r) => r.requestId));
    expect(restored.list(7).every((r) => r.hops[0]!.requestHeaders?.[0]?.value.length === 5_000)).toBe(true);
    expect(restored.tab(7).dropped).toBe(0);
    // Both areas were used, and no key lives in both.
    expect(a.session.data.size).toBeGreaterThan(1);
    expect(a.overflow.data.size).toBeGreaterThan(0);
    for (const k of a.overflow.data.keys()) expect(a.session.data.has(k)).toBe(false);
  });

  it('counts as dropped, never loses silently, what fits nowhere', async () => {
    // The overflow refuses the records whose header is too large; the small ones and the list fit.
    const a = areas(100_000, new FakeArea(Infinity, 10_000));
    const store = new TabStore();
    const p = new Persistence(store, a);
    await p.load();
    for (let i = 0; i < 60; i++) p.record(store.apply(ev(String(i), i % 2 ? 12_000 : 5_000))!);
    await p.settled();
    expect(p.unpersisted).toBeGreaterThan(0);
    const restored = await restart(a);
    expect(restored.list(7).length + restored.tab(7).dropped).toBe(60);
    expect(restored.tab(7).dropped).toBeGreaterThan(0);
  });

  it('removes a record from whichever area holds it', async () => {
    const a = areas(100_000);
    const { store, p } = await capture(a, 60, 5_000);
    p.record(store.clear(7));
    await p.settled();
    expect([...a.session.data.keys(), ...a.overflow.data.keys()].filter((k) => k.startsWith('r:'))).toEqual([]);
    expect((await restart(a)).list(7)).toEqual([]);
  });

  it('empties the overflow when a new browser session starts', async () => {
    const a = areas(100_000);
    await capture(a, 60, 5_000);
    a.session.data.clear(); // the browser restarted: storage.session is empty
    const restored = await restart(a);
    expect(restored.tabs.size).toBe(0);
    expect(a.overflow.data.size).toBe(0);
  });

  it('still ignores a closed tab\'s late events after a restart, and keeps none of its keys', async () => {
    const a = areas(100_000);
    const { store, p } = await capture(a, 3, 100);
    store.apply({ ...ev('9', 100), tabId: 8, event: 'beforeRequest' });
    p.forgetTab(7, store.removeTab(7));
    await p.settled();
    const restored = await restart(a);
    expect(restored.closedTabs()).toEqual([7]);
    expect(restored.apply({ ...ev('0', 100), event: 'errorOccurred', error: 'net::ERR_ABORTED' })).toBeNull();
    expect(restored.tabs.has(7)).toBe(false);
    expect([...a.session.data.keys()].filter((k) => k === 't:7' || k.startsWith('r:7:'))).toEqual([]);
  });

  it('removes what a stopped worker left of a tab it had marked closed', async () => {
    const a = areas(100_000);
    await capture(a, 3, 100);
    await a.session.set({ closed: [7] }); // stopped after saving the closed list, before removing the keys
    const store = new TabStore();
    const p = new Persistence(store, a);
    await p.load();
    await p.settled();
    expect(store.tabs.has(7)).toBe(false);
    expect([...a.session.data.keys()].filter((k) => k === 't:7' || k.startsWith('r:7:'))).toEqual([]);
  });

  it('forgets the closed tabs with the browser session, when their ids may be reused', async () => {
    const a = areas(100_000);
    const { store, p } = await capture(a, 3, 100);
    p.forgetTab(7, store.removeTab(7));
    await p.settled();
    a.session.data.clear(); // a new browser session
    const restored = await restart(a);
    expect(restored.closedTabs()).toEqual([]);
    expect(restored.apply({ ...ev('0', 100), event: 'beforeRequest' })).not.toBeNull();
  });
});
