/**
 * Regenerates the committed recordings: runs the named scenarios (all, or the ids given) in real
 * headless Chromium and writes test/conformance/recorded/<id>.json.
 *
 *   npx tsx test/conformance/record.ts [ids…]
 */
import { ChromiumRecorder } from './recorder.ts';
import { normalizePorts, readRecording, writeRecording } from './recording.ts';
import { SCENARIOS } from './scenarios/index.ts';

const wanted = process.argv.slice(2);
const unknown = wanted.filter((id) => !SCENARIOS.some((s) => s.id === id));
if (unknown.length > 0) {
  console.error(`Unknown scenario id(s): ${unknown.join(', ')}`);
  process.exit(2);
}
const scenarios = wanted.length > 0 ? SCENARIOS.filter((s) => wanted.includes(s.id)) : SCENARIOS;
const started = Date.now();
const recorder = await ChromiumRecorder.start({ log: (l) => console.error(l) });
let failures = 0;
try {
  const outcomes = await recorder.run(scenarios);
  for (const o of outcomes) {
    if (!o.ok) {
      failures++;
      console.error(`✗ ${o.id}: ${o.error}`);
      continue;
    }
    const rec = normalizePorts(o.recording, recorder.ports);
    const previous = readRecording(rec.id);
    // Keep Firefox's part: it is recorded by record-firefox.ts.
    if (previous?.firefox) rec.firefox = previous.firefox;
    // Only the clock changed: keep the committed file as it is, so that a re-record diffs only real changes.
    const unchanged = previous !== null && JSON.stringify({ ...previous, now: 0 }) === JSON.stringify({ ...rec, now: 0 });
    if (!unchanged) writeRecording(rec);
    const what = rec.corsError ? `${rec.corsError}${rec.failedParameter ? ` (${rec.failedParameter})` : ''}` : (rec.errorText ?? '');
    console.log(`${rec.verdict.padEnd(8)} ${rec.id} ${what}`);
  }
} finally {
  await recorder.close();
}
console.log(`${scenarios.length - failures}/${scenarios.length} recorded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failures > 0 ? 1 : 0);
