/**
 * `npm run bench`: how fast correlation and HAR analysis are, against baselines measured in the
 * same run on the same data (so the ratios hold on any machine, loaded or not):
 * - webRequest: events per second through the reducer alone (baseline), through the reducer and
 *   the incremental Correlator updated every 100 events (the panel's batching), and one-shot
 *   correlation of the final records;
 * - HAR: a bare JSON.parse of the file (baseline) against reading it with the streaming reader,
 *   reading and correlating, and the whole analysis (read, correlate, evaluate).
 * Sizes 1k, 10k and 100k requests/entries; traffic generated from a fixed seed (./generate.ts).
 * - webRequest, one URL polled: the same figures for records that all share one URL and method
 *   (a page polling one endpoint, several requests in flight, each PUT preflighted), where pairing
 *   preflights has the most candidates (--polled 1000,10000);
 * - the panel's whole path, records → flows → evaluations (Correlator + IncrementalAnalysis) in
 *   batches of 100, against the reducer alone and against evaluating every flow once (analyzeFlows
 *   of the final flows), for 10k requests of each workload.
 * - code spans: cutting explanation texts into code and plain parts on hostile backticks, 25k to
 *   100k characters, against String.split (linear growth shows the scan is not quadratic).
 * Each figure is the median of several runs after a warm-up (one run at 100k). Options: --sizes 1000,10000  --polled 1000  --runs 5
 */
import { flowsFromHar } from '../../src/correlate/har.ts';
import { applyWebRequestEvent } from '../../src/correlate/webrequest-record.ts';
import { Correlator, flowsFromRecords } from '../../src/correlate/webrequest.ts';
import { readHar } from '../../src/har/read.ts';
import type { WebRequestRecord } from '../../src/model/webrequest.ts';
import { analyzeFlows, IncrementalAnalysis } from '../../src/evaluate/index.ts';
import { harText, pollingEvents, webRequestEvents } from './generate.ts';
import { segments } from '../../src/explain/code-spans.ts';

const SEED = 20261129;
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const SIZES = (arg('sizes') ?? '1000,10000,100000').split(',').map(Number);
const POLLED = (arg('polled') ?? '1000,10000,100000').split(',').map(Number);
const RUNS = Number(arg('runs') ?? 3);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Runs `fn` once to warm the JIT (unless it is a single run), then `runs` times; the median wall time in ms. */
function time(fn: () => unknown, runs = RUNS): number {
  if (runs > 1) fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const rate = (events: number, ms: number) => `${fmt((events / ms) * 1000)}/s`;

function table(rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const [i, r] of rows.entries()) {
    console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

type Events = ReturnType<typeof webRequestEvents>;

function reduceOnly(events: Events): Map<string, WebRequestRecord> {
  const records = new Map<string, WebRequestRecord>();
  for (const ev of events) records.set(ev.requestId, applyWebRequestEvent(records.get(ev.requestId), ev));
  return records;
}

const CTX = { browser: 'chrome', thirdPartyCookies: 'allowed', now: Date.UTC(2026, 0, 2) } as const;

/** The reducer and the Correlator (and, with `evaluate`, the IncrementalAnalysis) batch by batch, as the panel runs them. */
function reduceAndCorrelate(events: Events, batch: number, evaluate = false): number {
  const records = new Map<string, WebRequestRecord>();
  const correlator = new Correlator({ browser: { name: 'chrome' } });
  const analysis = new IncrementalAnalysis(CTX);
  let changed = new Map<string, WebRequestRecord>();
  let flows = 0;
  for (let i = 0; i < events.length; i++) {
    const ev = events[i]!;
    const rec = applyWebRequestEvent(records.get(ev.requestId), ev);
    records.set(ev.requestId, rec);
    changed.set(ev.requestId, rec);
    if ((i + 1) % batch === 0 || i === events.length - 1) {
      const list = correlator.update(changed.values());
      flows = evaluate ? analysis.update(list).length : list.length;
      changed = new Map();
    }
  }
  return flows;
}

console.log(`cors-lens bench — Node ${process.version}, seed ${SEED}, median of ${RUNS} runs\n`);

/** One table row: throughput of the reducer alone, of the reducer + incremental Correlator, and one-shot correlation. */
function webRequestRow(label: string, events: Events, runs: number): string[] {
  const base = time(() => reduceOnly(events), runs);
  let flows = 0;
  const inc100 = time(() => (flows = reduceAndCorrelate(events, 100)), runs);
  const inc1000 = time(() => reduceAndCorrelate(events, 1000), runs);
  const records = [...reduceOnly(events).values()];
  const oneShot = time(() => flowsFromRecords(records), runs);
  return [label, fmt(events.length), rate(events.length, base), rate(events.length, inc100), `${fmt(inc100 / base, 1)}×`, rate(events.length, inc1000), `${fmt(oneShot, 1)} ms`, fmt(flows)];
}

console.log('webRequest correlation (events per second; baseline = the reducer alone)');
const wrRows = [['requests', 'events', 'reducer (baseline)', 'reducer + Correlator, batches of 100', 'ratio', 'batches of 1000', 'one-shot flowsFromRecords', 'flows']];
for (const n of SIZES) wrRows.push(webRequestRow(fmt(n), webRequestEvents(n, SEED), n >= 100_000 ? 1 : RUNS));
table(wrRows);

console.log('\nwebRequest correlation, one URL polled (records = requests + preflights, all at one URL and method)');
const pollRows = [['records', 'events', 'reducer (baseline)', 'reducer + Correlator, batches of 100', 'ratio', 'batches of 1000', 'one-shot flowsFromRecords', 'flows']];
for (const n of POLLED) pollRows.push(webRequestRow(fmt(n), pollingEvents(n, SEED), n >= 100_000 ? 1 : RUNS));
table(pollRows);

console.log("\nThe panel's whole path: records → flows → evaluations in batches of 100 (events per second)");
const pathRows = [['workload', 'events', 'reducer (baseline)', 'reducer + Correlator + IncrementalAnalysis', 'ratio', 'analyzeFlows of the final flows, once', 'flows']];
for (const [label, events] of [
  ['10,000 requests, mixed', webRequestEvents(10_000, SEED)],
  ['10,000 records, one URL polled', pollingEvents(10_000, SEED)],
] as const) {
  const base = time(() => reduceOnly(events));
  let flows = 0;
  const whole = time(() => (flows = reduceAndCorrelate(events, 100, true)));
  const final = flowsFromRecords([...reduceOnly(events).values()], { browser: { name: 'chrome' } });
  const once = time(() => analyzeFlows(final, CTX));
  pathRows.push([label, fmt(events.length), rate(events.length, base), rate(events.length, whole), `${fmt(whole / base, 1)}×`, `${fmt(once, 1)} ms`, fmt(flows)]);
}
table(pathRows);

console.log('\nHAR analysis (ms; baseline = JSON.parse of the same text; each stage timed on its own input)');
const harRows = [['entries', 'MB', 'JSON.parse (baseline)', 'readHar (streaming)', 'ratio', 'flowsFromHar', 'analyzeFlows (evaluate)', 'whole analysis', 'ratio', 'flows']];
for (const n of SIZES) {
  let text: string | null = harText(n, SEED);
  const bytes = new TextEncoder().encode(text);
  const runs = n >= 100_000 ? 1 : RUNS;
  const base = time(() => JSON.parse(text!), runs);
  text = null; // keep the heap to what the stages hold
  const read = time(() => readHar(bytes), runs);
  const parsed = readHar(bytes);
  if (!parsed.ok || parsed.entries.length !== n) throw new Error(`bench HAR did not read back: ${JSON.stringify(parsed.ok ? parsed.skipped[0] : parsed.error)}`);
  const correlate = time(() => flowsFromHar(parsed), runs);
  const flows = flowsFromHar(parsed);
  const evaluate = time(() => analyzeFlows(flows, { browser: 'chrome', thirdPartyCookies: 'allowed' }), runs);
  const whole = read + correlate + evaluate;
  harRows.push([
    fmt(n),
    fmt(bytes.length / 1e6, 1),
    fmt(base, 1),
    fmt(read, 1),
    `${fmt(read / base, 1)}×`,
    fmt(correlate, 1),
    fmt(evaluate, 1),
    fmt(whole, 1),
    `${fmt(whole / base, 1)}×`,
    fmt(flows.length),
  ]);
}
table(harRows);

console.log('\nCode spans in explanation texts, on hostile backticks (ms; baseline = String.split on the same text)');
const spanRows = [['characters', 'split (baseline)', 'segments', 'ratio']];
for (const n of [25_000, 50_000, 100_000]) {
  // Runs of 2 and 3 backticks that nothing closes: the input a quadratic scan would stall on.
  const hostile = '`' + ' ``'.repeat(n / 6) + ' ```'.repeat(n / 8);
  const base = time(() => hostile.split('`'));
  const cut = time(() => segments(hostile));
  spanRows.push([fmt(hostile.length), fmt(base, 2), fmt(cut, 2), `${fmt(cut / base, 1)}×`]);
}
table(spanRows);

// The panel itself, in headless Chromium: first render of 10,000 flows and one filter keystroke.
if (!process.argv.includes('--no-panel')) {
  const { benchPanel, printPanelBench } = await import('./panel-render.ts');
  console.log('\nThe panel in headless Chromium (10,000 flows)');
  printPanelBench(await benchPanel());
}
