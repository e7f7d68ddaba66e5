/**
 * Hunting with the random generator at scale: runs N seeded random scenarios in Chromium, compares
 * each with the evaluator exactly as random.test.ts does, and prints only the disagreements. Each
 * disagreeing case is saved (scenario + recording) under .scratch/random-hunt/<seed>/ to study, and
 * a one-line summary of every case goes to summary.tsv there.
 *
 *   npx tsx test/conformance/tools/random-hunt.ts <seed> [n=500] [start=0]
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

const seed = Number(process.argv[2] ?? 1);
const n = Number(process.argv[3] ?? 500);
const start = Number(process.argv[4] ?? 0);
const scenarios = randomScenarios(seed, start + n).slice(start);
const outDir = resolve(import.meta.dirname, '../../../.scratch/random-hunt', String(seed));
mkdirSync(outDir, { recursive: true });
const started = Date.now();
const summary: string[] = [];
let mismatches = 0;
let failures = 0;
const recorder = await ChromiumRecorder.start();
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
    process.stderr.write(`${i + chunk.length}/${scenarios.length} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  }
} finally {
  await recorder.close();
  writeFileSync(resolve(outDir, 'summary.tsv'), `${summary.join('\n')}\n`);
}
console.log(`\nseed ${seed}: ${scenarios.length} cases from #${start}, ${mismatches} disagreement(s), ${failures} run failure(s), ${((Date.now() - started) / 1000).toFixed(0)} s; details in ${outDir}`);
process.exit(mismatches + failures > 0 ? 1 : 0);
