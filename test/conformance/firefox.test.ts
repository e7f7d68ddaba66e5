/**
 * Firefox, live: the named scenarios Firefox can drive run in firefox-esr; what it printed and what
 * the page saw must match the committed recordings (so a Firefox upgrade shows up as a diff), and
 * the evaluator's Firefox wording must match the live console where the flow is Firefox's too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/index.ts';
import { diffFirefox, firefoxSkipReason } from './firefox-compare.ts';
import { firefoxCanRun, FirefoxRecorder, type FirefoxOutcome } from './firefox-recorder.ts';
import { buildFlow } from './flow-builder.ts';
import { normalizePorts, readRecording, type FirefoxRecording, type Recording } from './recording.ts';
import { SCENARIOS } from './scenarios/index.ts';

const only = process.env.CORS_LENS_SCENARIOS?.split(',').filter(Boolean);
const scenarios = (only ? SCENARIOS.filter((s) => only.includes(s.id)) : SCENARIOS).filter(firefoxCanRun);
const outcomes = new Map<string, FirefoxOutcome>();
let recorder: FirefoxRecorder | undefined;

const digest = (f: FirefoxRecording) => ({
  corsMessage: f.corsMessage,
  console: f.console,
  result: f.result,
  requests: f.serverLog.map((e) => `${e.preflight ? 'preflight' : e.method} ${e.url}`),
});

function live(id: string): FirefoxRecording {
  const o = outcomes.get(id);
  if (!o) throw new Error(`${id} did not run`);
  if (!o.ok) throw new Error(`${id}: Firefox run failed: ${o.error}`);
  return normalizePorts(o.recording, recorder!.ports);
}

describe('conformance with Firefox (live)', () => {
  beforeAll(async () => {
    const started = Date.now();
    recorder = await FirefoxRecorder.start();
    for (const o of await recorder.run(scenarios)) outcomes.set(o.id, o);
    console.log(`firefox conformance: ${scenarios.length} scenarios ran in ${recorder.version} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 240_000);

  afterAll(async () => {
    await recorder?.close();
  });

  for (const s of scenarios) {
    it(`${s.theme} › ${s.id}`, async () => {
      const committed = readRecording(s.id);
      expect(committed?.firefox, `no Firefox recording: run npx tsx test/conformance/record-firefox.ts ${s.id}`).toBeDefined();
      let now = live(s.id);
      if (JSON.stringify(digest(now)) !== JSON.stringify(digest(committed!.firefox!))) {
        // A busy machine can make a console line trail the settle window: run it once more, in a fresh context, before concluding.
        console.log(`firefox conformance: ${s.id} differed from its recording; running it again`);
        const [again] = await recorder!.run([s]);
        outcomes.set(s.id, again!);
        now = live(s.id);
      }
      expect(digest(now), `recorded with ${committed!.firefox!.version}, running ${now.version}`).toEqual(digest(committed!.firefox!));
      const rec: Recording = { ...committed!, firefox: now };
      if (firefoxSkipReason(rec) !== null) return;
      const evaluation = evaluate(buildFlow(rec), { browser: 'firefox', thirdPartyCookies: 'allowed', cookieJar: rec.cookieJar, now: rec.now });
      expect(diffFirefox(rec, evaluation)).toEqual([]);
    });
  }
});
