/**
 * The conformance suite: every named scenario runs live in headless Chromium; the flow built from
 * what Chromium did goes to the evaluator, which must reach the same verdict, CorsError code,
 * failedParameter, console text, readable headers and cookie outcomes. Each live run is also
 * compared with its committed recording, so that a Chromium upgrade shows up as a plain diff.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/index.ts';
import { diffDigests, diffJudgements, judgementOfEvaluation, judgementOfRecording } from './compare.ts';
import { buildFlow } from './flow-builder.ts';
import { ChromiumRecorder, type RunOutcome } from './recorder.ts';
import { normalizePorts, readRecording, type Recording } from './recording.ts';
import { SCENARIOS } from './scenarios/index.ts';

// CORS_LENS_SCENARIOS=id1,id2 runs only those (for debugging one case).
const only = process.env.CORS_LENS_SCENARIOS?.split(',').filter(Boolean);
const scenarios = only ? SCENARIOS.filter((s) => only.includes(s.id)) : SCENARIOS;
const outcomes = new Map<string, RunOutcome>();
const agreed: string[] = [];
const evaluated: string[] = [];
let ports: ChromiumRecorder['ports'];

function live(id: string): Recording {
  const o = outcomes.get(id);
  if (!o) throw new Error(`${id} did not run`);
  if (!o.ok) throw new Error(`${id}: Chromium run failed: ${o.error}`);
  return o.recording;
}

describe('conformance with Chromium', () => {
  beforeAll(async () => {
    const started = Date.now();
    const recorder = await ChromiumRecorder.start();
    try {
      for (const o of await recorder.run(scenarios)) outcomes.set(o.ok ? o.recording.id : o.id, o);
      ports = recorder.ports;
    } finally {
      await recorder.close();
    }
    console.log(`conformance: ${scenarios.length} scenarios ran in Chromium in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 240_000);

  afterAll(() => {
    console.log(`conformance: the evaluator agrees with Chromium on ${agreed.length}/${evaluated.length} scenarios evaluated`);
  });

  describe('the evaluator reaches Chromium’s verdict, code, message, readable headers and cookie outcomes', () => {
    for (const s of scenarios) {
      it(`${s.theme} › ${s.id}`, () => {
        evaluated.push(s.id);
        const rec = live(s.id);
        const evaluation = evaluate(buildFlow(rec), {
          browser: 'chrome',
          thirdPartyCookies: rec.thirdPartyCookies,
          cookieJar: rec.cookieJar,
          now: rec.now,
        });
        expect(diffJudgements(judgementOfRecording(rec), judgementOfEvaluation(evaluation))).toEqual([]);
        agreed.push(s.id);
      });
    }
  });

  describe('Chromium still does what the committed recording says', () => {
    for (const s of scenarios) {
      it(`${s.theme} › ${s.id}`, () => {
        const committed = readRecording(s.id);
        expect(committed, `no committed recording: run npx tsx test/conformance/record.ts ${s.id}`).not.toBeNull();
        expect(diffDigests(committed!, normalizePorts(live(s.id), ports))).toEqual([]);
      });
    }
  });
});
