/**
 * Adds Firefox's part (`firefox`: console text, page result, what it sent) to the committed
 * recordings: runs the named scenarios Firefox can drive (all, or the ids given) in firefox-esr.
 * Run record.ts first: a scenario needs its Chromium recording.
 *
 *   npx tsx test/conformance/record-firefox.ts [ids…]
 */
import { FirefoxRecorder } from './firefox-recorder.ts';
import { normalizePorts, readRecording, writeRecording } from './recording.ts';
import { SCENARIOS } from './scenarios/index.ts';

const wanted = process.argv.slice(2);
const scenarios = wanted.length > 0 ? SCENARIOS.filter((s) => wanted.includes(s.id)) : SCENARIOS;
const started = Date.now();
const recorder = await FirefoxRecorder.start();
let failures = 0;
let written = 0;
try {
  for (const o of await recorder.run(scenarios)) {
    if (!o.ok) {
      failures++;
      console.error(`✗ ${o.id}: ${o.error}`);
      continue;
    }
    const rec = readRecording(o.id);
    if (!rec) {
      failures++;
      console.error(`✗ ${o.id}: no Chromium recording; run record.ts ${o.id} first`);
      continue;
    }
    const firefox = normalizePorts(o.recording, recorder.ports);
    if (JSON.stringify(rec.firefox) === JSON.stringify(firefox)) continue;
    writeRecording({ ...rec, firefox });
    written++;
    console.log(`${o.id}: ${firefox.corsMessage ?? (firefox.result.ok ? 'ok' : firefox.result.error)}`);
  }
} finally {
  await recorder.close();
}
console.log(`firefox ${recorder.version}: ${written} recording(s) updated, ${failures} failure(s), ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failures > 0 ? 1 : 0);
