import { render } from 'preact';
import browser from 'webextension-polyfill';
import { App } from './App.tsx';
import { connect } from './connection.ts';
import { inspectedUrl, receive } from './state.ts';

const { inspectedWindow, network } = browser.devtools;
connect(inspectedWindow.tabId, receive);

// The inspected page's URL, read through DevTools (no network request of our own).
const readInspectedUrl = () =>
  inspectedWindow
    .eval('location.href')
    .then((result: unknown) => {
      // Firefox resolves [result, exceptionInfo]; Chrome through the polyfill, the result alone.
      const href = Array.isArray(result) ? result[0] : result;
      if (typeof href === 'string') inspectedUrl.value = href;
    })
    .catch(() => undefined);
void readInspectedUrl();
network.onNavigated.addListener((url: string) => {
  inspectedUrl.value = url;
});

render(<App />, document.getElementById('app')!);
