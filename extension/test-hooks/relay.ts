/**
 * Test builds only: a content script on the lab's pages that relays `window.postMessage`
 * requests to the background and posts its answer back, so that a test driving a browser over
 * WebDriver BiDi (which cannot reach an extension's background) can read what was captured.
 */
import browser from 'webextension-polyfill';
import { TEST_REPLY, TEST_REQUEST, type TestHookRequest } from './messages.ts';

window.addEventListener('message', (event: MessageEvent) => {
  const data = event.data as Partial<TestHookRequest> | null;
  if (event.source !== window || !data || data.type !== TEST_REQUEST || typeof data.id !== 'string') return;
  void browser.runtime
    .sendMessage({ type: TEST_REQUEST, id: data.id, op: data.op })
    .then(
      (answer: unknown) => window.postMessage({ type: TEST_REPLY, id: data.id, answer }, '*'),
      (err: unknown) => window.postMessage({ type: TEST_REPLY, id: data.id, error: String(err) }, '*'),
    );
});
