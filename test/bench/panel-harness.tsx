/**
 * The panel outside DevTools, for the render bench (panel-render.ts): the real App with its state,
 * fed synthetic flows instead of a port to the background. Exposes `window.panelBench`; every
 * timing is taken here with performance.now, around a render and the style and layout it causes.
 */
import { render } from 'preact';
import { applyWebRequestEvent } from '../../src/correlate/webrequest-record.ts';
import { flowsFromRecords } from '../../src/correlate/webrequest.ts';
import type { WebRequestRecord } from '../../src/model/webrequest.ts';
import { IncrementalAnalysis } from '../../src/evaluate/index.ts';
import { App } from '../../extension/panel/App.tsx';
import { runningIn } from '../../extension/panel/browser-name.ts';
import { FlowRow } from '../../extension/panel/components/FlowRow.tsx';
import { PanelContext, type PanelServices } from '../../extension/panel/context.ts';
import { entryOf, type FlowEntry } from '../../extension/panel/entry.ts';
import { createPanelState } from '../../extension/panel/state.ts';
import { applyTheme } from '../../extension/panel/theme.ts';
import { webRequestEvents } from './generate.ts';

applyTheme(document.documentElement, 'light');
const host = document.getElementById('app')!;
let entries: FlowEntry[] = [];

/** Style and layout now, so that a timing includes what the browser must do before it can paint. */
const layout = () => host.getBoundingClientRect().height + document.body.offsetHeight;
/** Preact renders signal-driven updates in a microtask queued by the change; this runs after it. */
const settled = () => Promise.resolve().then(() => undefined);

function services(n: number): PanelServices {
  const state = createPanelState({ browser: runningIn() });
  state.entries.value = entries.slice(0, n);
  state.connected.value = true;
  return { state, copy: async () => true, download: () => undefined, now: () => new Date(0) };
}
const actions = { clear: () => undefined, setPreserveLog: () => undefined };

/** The same rows as a plain table, every row in the DOM: what the list would cost without virtualization. */
function PlainTable({ list }: { list: readonly FlowEntry[] }) {
  return (
    <main class="panel">
      <div class="split">
        <div class="flow-list">
          <table class="flows">
            <tbody>
              {list.map((e, i) => (
                <FlowRow key={e.flow.id} row={e.row} index={i} selected={false} onPick={() => undefined} />
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </main>
  );
}

/** The id of the first shown flow that matches, for tests. */
const findFlow = (verdict: string, preflight: string) =>
  host.querySelector(`tr[data-verdict="${verdict}"]:has(td[data-preflight-kind="${preflight}"])`)?.getAttribute('data-flow-id') ?? null;

const api = {
  findFlow,
  /** Synthetic traffic through the real correlator and evaluator (not timed). */
  prepare(count: number, seed: number): { flows: number; blocked: number; ms: number } {
    const t = performance.now();
    const records = new Map<string, WebRequestRecord>();
    for (const ev of webRequestEvents(count, seed)) records.set(ev.requestId, applyWebRequestEvent(records.get(ev.requestId), ev));
    const flows = flowsFromRecords(records.values(), { browser: { name: 'chrome' } });
    const analyzed = new IncrementalAnalysis({ browser: 'chrome', thirdPartyCookies: 'allowed', now: Date.UTC(2026, 0, 2) }).update(flows);
    entries = analyzed.map((a) => entryOf(a.flow, a.evaluation));
    return { flows: entries.length, blocked: entries.filter((e) => e.row.verdict === 'blocked').length, ms: performance.now() - t };
  },

  /** First render of the panel holding `n` flows. Returns ms and the rows in the DOM. */
  firstRender(n: number): { ms: number; rows: number } {
    render(null, host);
    layout();
    const ctx = services(n);
    const t = performance.now();
    render(
      <PanelContext.Provider value={ctx}>
        <App actions={actions} />
      </PanelContext.Provider>,
      host,
    );
    layout();
    const ms = performance.now() - t;
    return { ms, rows: host.querySelectorAll('tr[data-flow-id]').length };
  },

  /** Baseline: the same `n` rows as a plain table, all of them in the DOM. */
  plainTable(n: number): { ms: number; rows: number } {
    render(null, host);
    layout();
    const list = entries.slice(0, n);
    const t = performance.now();
    render(<PlainTable list={list} />, host);
    layout();
    const ms = performance.now() - t;
    const rows = host.querySelectorAll('tr[data-flow-id]').length;
    render(null, host);
    return { ms, rows };
  },

  /** One keystroke in the filter box of the rendered panel: input event → filtered list laid out. */
  async keystroke(text: string): Promise<{ ms: number; rows: number; shown: string }> {
    const input = host.querySelector<HTMLInputElement>('input[type=search]')!;
    const t = performance.now();
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await settled();
    layout();
    const ms = performance.now() - t;
    return { ms, rows: host.querySelectorAll('tr[data-flow-id]').length, shown: host.querySelector('.shown')!.textContent ?? '' };
  },
};

(window as unknown as { panelBench: typeof api }).panelBench = api;
document.documentElement.dataset.benchReady = 'true';
