import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebRequestEvent } from '../../src/model/webrequest.ts';

type Listener = (details: unknown) => unknown;
const listeners = new Map<string, Listener>();
const event = (name: string) => ({ addListener: (fn: Listener) => void listeners.set(name, fn) });
vi.mock('webextension-polyfill', () => ({
  default: {
    webRequest: Object.fromEntries(
      ['onBeforeRequest', 'onSendHeaders', 'onHeadersReceived', 'onBeforeRedirect', 'onResponseStarted', 'onCompleted', 'onErrorOccurred'].map((n) => [n, event(n)]),
    ),
  },
}));
const { startCapture, toEvent } = await import('./capture.ts');
const { TabStore } = await import('./tab-store.ts');

const base = { requestId: '1', tabId: 3, url: 'https://api.test/x', method: 'GET', type: 'xmlhttprequest', timeStamp: 1, frameId: 0 };

describe('toEvent', () => {
  it('takes details with no headers at all', () => {
    const ev = toEvent('headersReceived', { ...base, statusCode: 200 } as never);
    expect(ev.responseHeaders).toBeUndefined();
    expect(ev.requestHeaders).toBeUndefined();
    expect(new TabStore().apply(ev)).not.toBeNull();
  });

  it('reads binary header values, bounded, and a header with neither value nor binaryValue as empty', () => {
    const ev = toEvent('headersReceived', {
      ...base,
      responseHeaders: [{ name: 'x-bin', binaryValue: [104, 105] }, { name: 'x-none' }, { name: 'x-huge-bin', binaryValue: new Array(200_000).fill(97) }],
    } as never);
    expect(ev.responseHeaders!.slice(0, 2)).toEqual([
      { name: 'x-bin', value: 'hi' },
      { name: 'x-none', value: '' },
    ]);
    expect(ev.responseHeaders![2]!.value).toHaveLength(65536);
  });
});

describe('startCapture', () => {
  beforeEach(() => listeners.clear());

  it('never lets a listener throw, whatever the details', () => {
    const seen: WebRequestEvent[] = [];
    startCapture((ev) => {
      seen.push(ev);
      if (ev.requestId === 'boom') throw new Error('store failed');
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const fn of listeners.values()) {
      expect(() => fn({ ...base, requestId: 'boom' })).not.toThrow();
      expect(() => fn(null)).not.toThrow(); // not even details the browser would never send
      expect(() => fn({ ...base, tabId: -1, responseHeaders: [{ name: 'x' }] })).not.toThrow();
    }
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
    expect(seen.some((e) => e.tabId === -1)).toBe(true);
  });
});

describe('TabStore under odd event sequences', () => {
  it('ignores requests without a tab and takes any event of a request it never saw start', () => {
    const s = new TabStore();
    expect(s.apply(toEvent('completed', { ...base, tabId: -1, statusCode: 200 } as never))).toBeNull();
    for (const name of ['sendHeaders', 'headersReceived', 'beforeRedirect', 'responseStarted', 'completed', 'errorOccurred'] as const) {
      const ev = toEvent(name, { ...base, requestId: `late-${name}`, statusCode: 200, redirectUrl: 'https://api.test/y', error: 'NS_BINDING_ABORTED' } as never);
      expect(() => s.apply(ev)).not.toThrow();
    }
    expect(s.tabs.has(-1)).toBe(false);
  });
});
