import { describe, expect, it } from 'vitest';
import type { WebRequestEvent } from '../../src/model/webrequest.ts';
import { MAX_CLOSED_TABS, TabStore } from './tab-store.ts';

const ev = (requestId: string, extra: Partial<WebRequestEvent> = {}): WebRequestEvent => ({
  event: 'beforeRequest',
  requestId,
  tabId: 1,
  url: `https://api.test/${requestId}`,
  method: 'GET',
  type: 'xmlhttprequest',
  timeStamp: Number(requestId) || 0,
  ...extra,
});

describe('TabStore', () => {
  it('keeps records per tab and ignores requests without a tab', () => {
    const s = new TabStore();
    s.apply(ev('1'));
    s.apply(ev('2', { tabId: 2 }));
    expect(s.apply(ev('3', { tabId: -1 }))).toBeNull();
    expect(s.list(1).map((r) => r.requestId)).toEqual(['1']);
    expect(s.list(2).map((r) => r.requestId)).toEqual(['2']);
  });

  it('evicts the oldest records past the cap and counts them', () => {
    const s = new TabStore(3);
    let last;
    for (const id of ['1', '2', '3', '4', '5']) last = s.apply(ev(id));
    expect(s.list(1).map((r) => r.requestId)).toEqual(['3', '4', '5']);
    expect(s.tab(1).dropped).toBe(2);
    expect(last!.removed).toEqual(['2']);
  });

  it('starts a new log on navigation unless preserve-log is on', () => {
    const s = new TabStore();
    s.apply(ev('1'));
    const nav = s.apply(ev('2', { type: 'main_frame' }))!;
    expect(nav.cleared).toBe(true);
    expect(nav.removed).toEqual(['1']);
    expect(s.list(1).map((r) => r.requestId)).toEqual(['2']);

    s.setPreserveLog(1, true);
    s.apply(ev('3'));
    expect(s.apply(ev('4', { type: 'main_frame' }))!.cleared).toBe(false);
    expect(s.list(1).map((r) => r.requestId)).toEqual(['2', '3', '4']);
  });

  it('clears a tab and forgets a closed one', () => {
    const s = new TabStore();
    s.apply(ev('1'));
    expect(s.clear(1)).toMatchObject({ cleared: true, removed: ['1'] });
    s.apply(ev('2'));
    expect(s.removeTab(1)).toEqual(['2']);
    expect(s.tabs.has(1)).toBe(false);
  });
});

describe('TabStore.setCap', () => {
  it('drops the oldest records of every tab over the new cap', () => {
    const s = new TabStore(10);
    for (const id of ['1', '2', '3', '4']) s.apply(ev(id));
    const changes = s.setCap(2);
    expect(changes).toEqual([{ tabId: 1, upserted: [], removed: ['1', '2'], cleared: false }]);
    expect(s.list(1).map((r) => r.requestId)).toEqual(['3', '4']);
    expect(s.tab(1).dropped).toBe(2);
  });

  it('ignores late events of a closed tab instead of recreating it', () => {
    const s = new TabStore();
    s.apply(ev('1', { tabId: 4 }));
    expect(s.removeTab(4)).toEqual(['1']);
    expect(s.apply(ev('1', { tabId: 4, event: 'errorOccurred', error: 'net::ERR_ABORTED' }))).toBeNull();
    expect(s.apply(ev('2', { tabId: 4 }))).toBeNull();
    expect(s.tabs.has(4)).toBe(false);
    expect(s.apply(ev('3', { tabId: 5 }))).not.toBeNull();
  });
});

describe('TabStore closed tabs', () => {
  it('remembers the most recent closed tabs, bounded, oldest first', () => {
    const s = new TabStore();
    for (let id = 1; id <= MAX_CLOSED_TABS + 5; id++) s.removeTab(id);
    const closed = s.closedTabs();
    expect(closed).toHaveLength(MAX_CLOSED_TABS);
    expect(closed[0]).toBe(6);
    expect(closed.at(-1)).toBe(MAX_CLOSED_TABS + 5);
    expect(s.apply(ev('1', { tabId: 5 }))).not.toBeNull(); // forgotten: too old to still have late events
    expect(s.apply(ev('1', { tabId: 6 }))).toBeNull();
    s.markClosed([6]); // closing again makes it the most recent
    expect(s.closedTabs().at(-1)).toBe(6);
  });
});
