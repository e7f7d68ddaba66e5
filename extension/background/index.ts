/**
 * The background: captures webRequest events into a per-tab store, persists it, and serves panels.
 * Listeners are registered synchronously at start; events that arrive before the saved store is
 * loaded wait in a queue, so a restarted worker neither misses nor reorders anything.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import type { WebRequestEvent } from '../../src/model/webrequest.ts';
import { PORT_NAME, PROTOCOL_VERSION, parsePanelMessage } from '../protocol.ts';
import { startCapture } from './capture.ts';
import { PanelPorts } from './panel-ports.ts';
import { indexedDbArea } from './idb-area.ts';
import { Persistence } from './persistence.ts';
import { TabStore } from './tab-store.ts';
import { registerTestHooks } from '../test-hooks/background-hooks.ts';

declare const __CORS_LENS_TEST_HOOKS__: boolean;

const store = new TabStore();
const persistence = new Persistence(store, {
  session: browser.storage.session,
  overflow: indexedDbArea(),
  settings: browser.storage.local,
});
const ports = new PanelPorts(store);

let queue: WebRequestEvent[] | null = [];
const ready = persistence
  .load()
  .catch((err) => console.warn('cors-lens: could not load saved requests:', err))
  .then(() => {
    const waiting = queue ?? [];
    queue = null;
    for (const ev of waiting) handle(ev);
  });

function handle(ev: WebRequestEvent): void {
  const change = store.apply(ev);
  if (!change) return;
  persistence.record(change);
  ports.changed(change);
}

startCapture((ev) => {
  if (queue) queue.push(ev);
  else handle(ev);
});

browser.tabs.onRemoved.addListener((tabId) => {
  void ready.then(() => persistence.forgetTab(tabId, store.removeTab(tabId)));
});

browser.runtime.onConnect.addListener((port: Runtime.Port) => {
  if (port.name !== PORT_NAME) return;
  port.onMessage.addListener((raw: unknown) => {
    const msg = parsePanelMessage(raw);
    if (!msg) {
      console.warn('cors-lens: ignored a malformed panel message', raw);
      return;
    }
    void ready.then(() => {
      switch (msg.type) {
        case 'subscribe':
          ports.subscribe(port, msg.tabId);
          break;
        case 'clear': {
          const change = store.clear(msg.tabId);
          persistence.record(change);
          ports.changed(change);
          break;
        }
        case 'set-preserve-log':
          store.setPreserveLog(msg.tabId, msg.preserveLog);
          persistence.record({ tabId: msg.tabId, upserted: [], removed: [], cleared: false });
          break;
        case 'set-cap':
          for (const change of store.setCap(msg.capPerTab)) persistence.record(change);
          // Removals are not sent as changes: every panel gets a snapshot with the new cap instead.
          ports.resync();
          void persistence.saveSettings({ capPerTab: msg.capPerTab });
          break;
      }
    });
  });
});

// Test builds only (CORS_LENS_TEST_HOOKS=1); the constant removes this from normal builds.
if (__CORS_LENS_TEST_HOOKS__) {
  // `settled` waits for the load too: a relay message may be what woke a suspended Firefox event page.
  registerTestHooks(store, () => ready.then(() => persistence.settled()));
  // Lets a test that reads the browser's output see each start of the background and what it loaded
  // (Firefox's event page is not a target WebDriver BiDi can reach).
  void ready.then(() => {
    const tabs = [...store.tabs.values()];
    const count = (f: (t: (typeof tabs)[number]) => number) => tabs.reduce((n, t) => n + f(t), 0);
    console.info(
      `cors-lens test build: background started; records=${count((t) => t.records.size)} dropped=${count((t) => t.dropped)} overflowKeys=${persistence.overflowKeys}`,
    );
  });
}

// For tests and debugging from the worker's console: what the store holds now.
(globalThis as Record<string, unknown>).__corsLens = {
  protocol: PROTOCOL_VERSION,
  store,
  ready,
  settled: () => persistence.settled(),
};
