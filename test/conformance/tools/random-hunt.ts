/**
 * Hunting with the random generator at scale: runs N seeded random scenarios in Chromium, compares
 * each with the evaluator exactly as random.test.ts does, and prints only the disagreements. Each
 * disagreeing case is saved (scenario + recording) under .scratch/random-hunt/<seed>/ to study, and
 * a one-line summary of every case goes to summary.tsv there.
 *
 *   npx tsx test/conformance/tools/random-hunt.ts <seed> [n=500] [start=0] [--firefox]
 *
 * With --firefox, each case that Firefox can drive also runs in firefox-esr, and where Firefox made
 * the same requests as Chromium (so the flow is Firefox's too), Firefox's console text, verdict and
 * readable headers are compared with the evaluator's Firefox output; the cases that cannot be
 * compared are counted by reason.
 *
 * A disagreement, once understood, becomes a named scenario (scenarios/random-found.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evaluate } from '../../../src/evaluate/index.ts';
import { diffJudgements, judgementOfEvaluation, judgementOfRecording } from '../compare.ts';
import { buildFlow } from '../flow-builder.ts';
import { describeScenario, randomScenarios } from '../random.ts';
import { ChromiumRecorder } from '../recorder.ts';
import { diffFirefox, firefoxSkipReason } from '../firefox-compare.ts';
import { FirefoxRecorder } from '../firefox-recorder.ts';
import { normalizePorts, type Recording } from '../recording.ts';

const withFirefox = process.argv.includes('--firefox');
const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const seed = Number(positional[0] ?? 1);
const n = Number(positional[1] ?? 500);
const start = Number(positional[2] ?? 0);
const scenarios = randomScenarios(seed, start + n).slice(start);
const outDir = resolve(import.meta.dirname, '../../../.scratch/random-hunt', String(seed));
mkdirSync(outDir, { recursive: true });
const started = Date.now();
const summary: string[] = [];
let mismatches = 0;
let failures = 0;
const chromiumRecordings = new Map<string, Recording>();
const recorder = await ChromiumRecorder.start();
const firefox = withFirefox ? await FirefoxRecorder.start() : null;
let firefoxCompared = 0;
let firefoxMismatches = 0;
const firefoxSkipped = new Map<string, number>();
try {
  // In chunks, so that progress shows and the lab server's route table stays small.
  for (let i = 0; i < scenarios.length; i += 50) {
    const chunk = scenarios.slice(i, i + 50);
    for (const o of await recorder.run(chunk)) {
      if (!o.ok) {
        failures++;
        console.log(`RUN FAILED ${o.id}: ${o.error}`);
        continue;
      }
      const rec = o.recording;
      if (firefox) chromiumRecordings.set(rec.id, normalizePorts(rec, recorder.ports));
      const hops = rec.hops.map((h) => `${h.preflight ? `pf${h.preflight.response?.status ?? '-'}+` : ''}${h.response?.status ?? '-'}`).join(',');
      summary.push([rec.id, rec.request.via, rec.verdict, rec.corsError ?? '', rec.errorText ?? '', hops].join('\t'));
      const evaluation = evaluate(buildFlow(rec), { browser: 'chrome', thirdPartyCookies: rec.thirdPartyCookies, cookieJar: rec.cookieJar, now: rec.now });
      const diffs = diffJudgements(judgementOfRecording(rec), judgementOfEvaluation(evaluation));
      if (diffs.length === 0) continue;
      mismatches++;
      const s = chunk.find((x) => x.id === rec.id)!;
      console.log(`\nMISMATCH ${rec.id}: ${s.title}\n  ${diffs.join('\n  ')}`);
      writeFileSync(resolve(outDir, `${rec.id}.json`), JSON.stringify({ scenario: JSON.parse(describeScenario(s, recorder.env(s))), recording: rec }, null, 1));
    }
    if (firefox) {
      for (const o of await firefox.run(chunk)) {
        const chromium = chromiumRecordings.get(o.id);
        if (!chromium) continue;
        if (!o.ok) {
          firefoxSkipped.set('Firefox run failed', (firefoxSkipped.get('Firefox run failed') ?? 0) + 1);
          continue;
        }
        const rec: Recording = { ...chromium, firefox: normalizePorts(o.recording, firefox.ports) };
        const scenario = chunk.find((x) => x.id === rec.id)!;
        const described = describeScenario(scenario, recorder.env(scenario));
        const skip = firefoxSkipReason(rec, described);
        if (skip !== null) {
          const key = skip.split('\n')[0]!.replace(/:$/, '');
          firefoxSkipped.set(key, (firefoxSkipped.get(key) ?? 0) + 1);
          continue;
        }
        firefoxCompared++;
        const ev = evaluate(buildFlow(rec), { browser: 'firefox', thirdPartyCookies: 'allowed', cookieJar: rec.cookieJar, now: rec.now });
        const diffs = diffFirefox(rec, ev);
        if (diffs.length === 0) continue;
        firefoxMismatches++;
        console.log(`\nFIREFOX MISMATCH ${rec.id}: ${scenario.title}\n  ${diffs.join('\n  ')}`);
        writeFileSync(resolve(outDir, `${rec.id}.firefox.json`), JSON.stringify({ scenario: JSON.parse(described), recording: rec }, null, 1));
      }
      chromiumRecordings.clear();
    }
    process.stderr.write(`${i + chunk.length}/${scenarios.length} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  }
} finally {
  await recorder.close();
  await firefox?.close();
  writeFileSync(resolve(outDir, 'summary.tsv'), `${summary.join('\n')}\n`);
}
console.log(`\nseed ${seed}: ${scenarios.length} cases from #${start}, ${mismatches} disagreement(s), ${failures} run failure(s), ${((Date.now() - started) / 1000).toFixed(0)} s; details in ${outDir}`);
if (firefox) {
  console.log(`firefox ${firefox.version}: ${firefoxCompared} comparable case(s), ${firefoxMismatches} disagreement(s); not comparable:`);
  for (const [why, count] of [...firefoxSkipped].sort((a, b) => b[1] - a[1])) console.log(`  ${count}  ${why}`);
}
process.exit(mismatches + failures + firefoxMismatches > 0 ? 1 : 0);
