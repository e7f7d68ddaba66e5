/**
 * Seeded random conformance: N random scenarios (see random.ts) run in headless Chromium and go
 * through the evaluator exactly like the named ones. The seed is printed; reproduce a run with
 *   CORS_LENS_SEED=<seed> CORS_LENS_RANDOM_N=<n> npx vitest run --project browser test/conformance/random.test.ts
 * CI uses the fixed default seed, so the run is deterministic. A mismatch becomes a named scenario
 * once understood.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/index.ts';
import { diffJudgements, judgementOfEvaluation, judgementOfRecording } from './compare.ts';
import { buildFlow } from './flow-builder.ts';
import { describeScenario, randomScenarios } from './random.ts';
import { ChromiumRecorder, type RunOutcome } from './recorder.ts';

const DEFAULT_SEED = 20261129;
const seed = Number(process.env.CORS_LENS_SEED ?? DEFAULT_SEED);
const n = Number(process.env.CORS_LENS_RANDOM_N ?? 40);
const scenarios = randomScenarios(seed, n);
const outcomes = new Map<string, RunOutcome>();
const described = new Map<string, string>();

describe(`random conformance with Chromium (seed ${seed}, ${n} cases)`, () => {
  beforeAll(async () => {
    console.log(
      `random conformance: seed ${seed}, ${n} cases — reproduce with CORS_LENS_SEED=${seed} CORS_LENS_RANDOM_N=${n} npx vitest run --project browser test/conformance/random.test.ts`,
    );
    const recorder = await ChromiumRecorder.start();
    try {
      for (const o of await recorder.run(scenarios)) outcomes.set(o.ok ? o.recording.id : o.id, o);
      for (const s of scenarios) described.set(s.id, describeScenario(s, recorder.env(s)));
    } finally {
      await recorder.close();
    }
  }, 240_000);

  it('generates the same scenarios from the same seed', () => {
    const again = randomScenarios(seed, Math.min(n, 5)).map((s) => s.title);
    expect(again).toEqual(scenarios.slice(0, 5).map((s) => s.title));
  });

  for (const s of scenarios) {
    it(`${s.id}: ${s.title}`, () => {
      const o = outcomes.get(s.id);
      if (!o || !o.ok) throw new Error(`${s.id}: Chromium run failed: ${o && !o.ok ? o.error : 'not run'}`);
      const rec = o.recording;
      const evaluation = evaluate(buildFlow(rec), { browser: 'chrome', thirdPartyCookies: rec.thirdPartyCookies, cookieJar: rec.cookieJar, now: rec.now });
      const diffs = diffJudgements(judgementOfRecording(rec), judgementOfEvaluation(evaluation));
      expect(diffs, `scenario:\n${described.get(s.id)}`).toEqual([]);
    });
  }
});
