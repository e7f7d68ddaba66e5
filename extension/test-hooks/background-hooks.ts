/** Test builds only: the background's side of the test relay. */
import browser from 'webextension-polyfill';
import type { TabStore } from '../background/tab-store.ts';
import { TEST_REQUEST, type TestHookRequest } from './messages.ts';

export function registerTestHooks(store: TabStore, settled: () => Promise<void>): void {
  browser.runtime.onMessage.addListener((raw: unknown) => {
    const msg = raw as Partial<TestHookRequest>;
    if (!msg || msg.type !== TEST_REQUEST) return undefined;
    if (msg.op === 'settled') return settled().then(() => ({ ok: true }));
    return Promise.resolve({
      tabs: Object.fromEntries([...store.tabs.values()].map((t) => [t.tabId, [...t.records.values()]])),
    });
  });
}
