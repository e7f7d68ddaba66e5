/**
 * The evaluator's Firefox wording against what firefox-esr printed, from the committed recordings
 * (no browser needed; firefox.test.ts checks the recordings against a live Firefox). Scenarios in
 * which Firefox made other requests than Chromium are listed, not compared: the flow would not be
 * Firefox's.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/index.ts';
import { diffFirefox, firefoxSkipReason } from './firefox-compare.ts';
import { buildFlow } from './flow-builder.ts';
import { readRecording, type Recording } from './recording.ts';
import { SCENARIOS } from './scenarios/index.ts';

const recordings = SCENARIOS.map((s) => readRecording(s.id)).filter((r): r is Recording => r !== null);
const comparable = recordings.filter((r) => firefoxSkipReason(r) === null);

describe('the evaluator’s Firefox messages match firefox-esr’s console (recorded)', () => {
  it('has Firefox recordings for most scenarios', () => {
    expect(recordings.filter((r) => r.firefox).length).toBeGreaterThanOrEqual(0.9 * recordings.length);
    expect(comparable.length).toBeGreaterThanOrEqual(150);
    const skipped = recordings.filter((r) => firefoxSkipReason(r) !== null).map((r) => `${r.id}: ${firefoxSkipReason(r)}`);
    console.log(`firefox: ${comparable.length} comparable, ${skipped.length} not:\n${skipped.join('\n')}`);
  });

  for (const rec of comparable) {
    it(`${rec.theme} › ${rec.id}`, () => {
      const evaluation = evaluate(buildFlow(rec), { browser: 'firefox', thirdPartyCookies: 'allowed', cookieJar: rec.cookieJar, now: rec.now });
      expect(diffFirefox(rec, evaluation)).toEqual([]);
    });
  }
});
