/**
 * The panel's end of the protocol: one port to the background for the inspected tab. A stopped
 * service worker closes the port; the panel reconnects and re-subscribes, and the snapshot it then
 * gets replaces what it held, so nothing is lost or doubled.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { PORT_NAME, PROTOCOL_VERSION, parseBackgroundMessage, type BackgroundMessage, type PanelMessage } from '../protocol.ts';
import { panelSettings, type PanelSettings } from './settings.ts';

export interface Connection {
  send(msg: PanelMessage): void;
}

/** Each snapshot also tells `settings` the background's cap, and `settings` sends through this port. */
export function connect(tabId: number, onMessage: (msg: BackgroundMessage) => void, settings: PanelSettings = panelSettings): Connection {
  let port: Runtime.Port | null = null;
  let retry = 0;

  const open = () => {
    const p = browser.runtime.connect({ name: PORT_NAME });
    port = p;
    p.onMessage.addListener((raw: unknown) => {
      const msg = parseBackgroundMessage(raw);
      if (!msg) {
        console.warn('cors-lens: ignored a malformed message from the background', raw);
        return;
      }
      retry = 0;
      if (msg.type === 'snapshot') settings.capPerTab.value = msg.capPerTab;
      onMessage(msg);
    });
    p.onDisconnect.addListener(() => {
      port = null;
      setTimeout(open, Math.min(1000, 50 * 2 ** retry++));
    });
    p.postMessage({ v: PROTOCOL_VERSION, type: 'subscribe', tabId } satisfies PanelMessage);
  };
  open();

  const connection: Connection = {
    send(msg) {
      port?.postMessage(msg);
    },
  };
  settings.attach(connection.send);
  return connection;
}
