import { render } from 'preact';
import browser from 'webextension-polyfill';
import { PROTOCOL_VERSION } from '../protocol.ts';
import { App } from './App.tsx';
import { runningIn } from './browser-name.ts';
import { connect } from './connection.ts';
import { defaultServices, PanelContext } from './context.ts';
import { FlowPipeline } from './pipeline.ts';
import { createPanelState } from './state.ts';
import { applyTheme, followDevToolsTheme, type ThemePanels } from './theme.ts';

const browserName = runningIn();
const state = createPanelState({ browser: browserName });
const pipeline = new FlowPipeline({ browser: browserName, now: Date.now() });
const { inspectedWindow, network, panels } = browser.devtools;
const tabId = inspectedWindow.tabId;

followDevToolsTheme(panels as unknown as ThemePanels, (theme) => applyTheme(document.documentElement, theme));

const connection = connect(tabId, (msg) => {
  state.entries.value = pipeline.receive(msg);
  switch (msg.type) {
    case 'snapshot':
      state.dropped.value = msg.dropped;
      state.preserveLog.value = msg.preserveLog;
      state.connected.value = true;
      break;
    case 'records':
      state.dropped.value = msg.dropped;
      break;
    case 'cleared':
      state.reset();
      break;
  }
});

// DevTools knows what webRequest cannot: whether fetch() or XMLHttpRequest made a request (the
// wording of Chrome's message). Its entries come one per finished request; they are handed on in
// batches, and getHAR() gives those finished before the panel opened.
let hintBatch: unknown[] = [];
const flushHints = () => {
  const batch = hintBatch;
  hintBatch = [];
  state.entries.value = pipeline.hint(batch);
};
network.onRequestFinished.addListener((entry: unknown) => {
  if (hintBatch.push(entry) === 1) setTimeout(flushHints, 100);
});
network
  .getHAR()
  .then((har: { entries?: unknown[] }) => {
    if (har.entries?.length) state.entries.value = pipeline.hint(har.entries);
  })
  .catch(() => undefined);

const actions = {
  clear: () => connection.send({ v: PROTOCOL_VERSION, type: 'clear', tabId }),
  setPreserveLog: (on: boolean) => {
    state.preserveLog.value = on;
    connection.send({ v: PROTOCOL_VERSION, type: 'set-preserve-log', tabId, preserveLog: on });
  },
};

// The inspected page's URL, read through DevTools (no network request of our own).
const readInspectedUrl = () =>
  inspectedWindow
    .eval('location.href')
    .then((result: unknown) => {
      // Firefox resolves [result, exceptionInfo]; Chrome through the polyfill, the result alone.
      const href = Array.isArray(result) ? result[0] : result;
      if (typeof href === 'string') state.inspectedUrl.value = href;
    })
    .catch(() => undefined);
void readInspectedUrl();
network.onNavigated.addListener((url: string) => {
  state.inspectedUrl.value = url;
});

render(
  <PanelContext.Provider value={defaultServices(state)}>
    <App actions={actions} />
  </PanelContext.Provider>,
  document.getElementById('app')!,
);
