/**
 * Panel render bench: the real panel (App, state, virtualized list) built by Vite into a harness
 * page (panel-harness.html, see test/support/panel-harness.ts) and loaded in headless Chromium outside DevTools, holding 10,000
 * synthetic flows made by the real correlator and evaluator. Timed in the page with
 * performance.now, each figure the median of several runs:
 * - first render of the panel with 10,000 flows (render + style + layout), against baselines in the
 *   same run: the panel with no flows, and the same 10,000 rows as a plain table (no virtualization);
 * - one keystroke in the filter box (input event → filtered list laid out), against the same
 *   keystroke on a panel with no flows.
 * Goals (issue 5): under 150 ms and under 16 ms. Run alone: `npx tsx test/bench/panel-render.ts`.
 */
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../support/chromium.ts';
import { serveHarness, type PanelHarness } from '../support/panel-harness.ts';

export interface BenchResult {
  name: string;
  /** Median, in milliseconds. */
  ms: number;
  runs: number;
  /** The baseline this figure is compared with, measured in the same run. */
  baseline?: { name: string; ms: number };
  goalMs?: number;
  note?: string;
}

const FLOWS = 10_000;
const SEED = 20261129;
const RUNS = 7;
const TYPED = 'items/12';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

declare const panelBench: PanelHarness;

export async function benchPanel(): Promise<BenchResult[]> {
  const server = await serveHarness();
  const chromium = await launchChromium();
  try {
    const page = await chromium.browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(server.url);
    await page.waitForFunction(() => document.documentElement.dataset.benchReady === 'true');
    const prepared = await page.evaluate((n: number, seed: number) => panelBench.prepare(n, seed), FLOWS, SEED);
    if (prepared.flows < FLOWS) throw new Error(`The generator made ${prepared.flows} flows, not ${FLOWS}.`);

    const renders = async (n: number) => {
      const xs: number[] = [];
      for (let i = 0; i <= RUNS; i++) {
        const r = await page.evaluate((k: number) => panelBench.firstRender(k), n);
        if (n > 0 && (r.rows === 0 || r.rows > 200)) throw new Error(`The list rendered ${r.rows} rows of ${n}: not virtualized?`);
        if (i > 0) xs.push(r.ms); // the first run warms the JIT
      }
      return median(xs);
    };
    const plain = async () => {
      const xs: number[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await page.evaluate((k: number) => panelBench.plainTable(k), FLOWS);
        if (r.rows !== FLOWS) throw new Error(`The plain table rendered ${r.rows} rows.`);
        xs.push(r.ms);
      }
      return median(xs);
    };
    // Types TYPED one character at a time and erases it again: every step filters all flows.
    const keystrokes = async (n: number) => {
      await page.evaluate((k: number) => panelBench.firstRender(k), n);
      const xs: number[] = [];
      const steps = [...TYPED].map((_, i) => TYPED.slice(0, i + 1));
      for (const text of [...steps, ...steps.slice(0, -1).reverse(), '']) {
        const r = await page.evaluate((t: string) => panelBench.keystroke(t), text);
        if (n > 0 && text === TYPED && !/ of 10,?000 flows|^\d+ of/.test(r.shown)) throw new Error(`The filter did not apply: "${r.shown}".`);
        xs.push(r.ms);
      }
      return { ms: median(xs), runs: xs.length };
    };

    const empty = await renders(0);
    const full = await renders(FLOWS);
    const table = await plain();
    const keyEmpty = await keystrokes(0);
    const keyFull = await keystrokes(FLOWS);
    return [
      {
        name: `panel first render, ${FLOWS.toLocaleString('en-US')} flows`,
        ms: full,
        runs: RUNS,
        baseline: { name: 'panel with no flows', ms: empty },
        goalMs: 150,
        note: `plain non-virtualized table of the same rows: ${table.toFixed(0)} ms (${(table / full).toFixed(0)}× slower)`,
      },
      { name: `plain table, ${FLOWS.toLocaleString('en-US')} rows (baseline)`, ms: table, runs: 3 },
      {
        name: `filter keystroke, ${FLOWS.toLocaleString('en-US')} flows`,
        ms: keyFull.ms,
        runs: keyFull.runs,
        baseline: { name: 'same keystroke, no flows', ms: keyEmpty.ms },
        goalMs: 16,
        note: `typing "${TYPED}" and erasing it; data prepared in ${(prepared.ms / 1000).toFixed(1)} s (${prepared.blocked} blocked)`,
      },
    ];
  } finally {
    await chromium.close();
    await server.close();
  }
}

export function printPanelBench(results: readonly BenchResult[]): void {
  for (const r of results) {
    const vs = r.baseline ? `  (baseline ${r.baseline.name}: ${r.baseline.ms.toFixed(1)} ms)` : '';
    const goal = r.goalMs !== undefined ? `  goal < ${r.goalMs} ms: ${r.ms < r.goalMs ? 'met' : 'MISSED'}` : '';
    console.log(`${r.name.padEnd(40)} ${r.ms.toFixed(1).padStart(8)} ms  median of ${r.runs}${vs}${goal}`);
    if (r.note) console.log(`${''.padEnd(40)} ${r.note}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printPanelBench(await benchPanel());
}
