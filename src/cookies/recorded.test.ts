/**
 * Ground truth from the conformance suite: every committed Chromium 156 recording
 * (test/conformance/recorded/*.json) lists the cookie outcomes Chromium reported for its flow.
 * The module must agree on each: the CDP reasons, whether a Set-Cookie line ended up in the jar,
 * and the Issues-panel warnings it emits (WarnThirdPartyPhaseout, WarnAttributeValueExceedsMaxSize).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildFlow } from '../../test/conformance/flow-builder.ts';
import type { Recording } from '../../test/conformance/recording.ts';
import { chromiumView, cookieOutcomes, nextJar } from './index.ts';

const dir = new URL('../../test/conformance/recorded/', import.meta.url);
const recordings = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Recording)
  .filter((r) => r.cookies.length > 0);

/** The warnings we model, as Chromium raised them in Audits CookieIssues for this cookie. */
const OUR_WARNINGS = new Set(['WarnThirdPartyPhaseout', 'WarnAttributeValueExceedsMaxSize']);
function issueWarnings(rec: Recording, op: 'SetCookie' | 'ReadCookie', name: string, url: string): string[] {
  const out = new Set<string>();
  for (const issue of rec.issues) {
    const d = (issue.details as { cookieIssueDetails?: { operation: string; cookie?: { name: string }; cookieUrl?: string; cookieWarningReasons: string[] } })
      .cookieIssueDetails;
    if (!d || d.operation !== op || d.cookie?.name !== name || (d.cookieUrl !== undefined && d.cookieUrl !== url)) continue;
    for (const w of d.cookieWarningReasons) if (OUR_WARNINGS.has(w)) out.add(w);
  }
  return [...out].sort();
}

describe('cookie outcomes agree with the conformance recordings', () => {
  it('finds recordings with cookies', () => {
    expect(recordings.length).toBeGreaterThanOrEqual(20);
  });

  for (const rec of recordings) {
    it(rec.id, () => {
      const flow = buildFlow(rec);
      const ctx = { browser: 'chrome' as const, thirdPartyCookies: rec.thirdPartyCookies, cookieJar: rec.cookieJar, now: rec.now };
      const outcomes = cookieOutcomes(flow, ctx, { corsAllowed: rec.verdict !== 'blocked' });
      const view = chromiumView(outcomes);
      const jarAfter = nextJar(rec.cookieJar, flow, ctx);

      for (const r of rec.cookies.filter((c) => c.direction === 'set')) {
        const o = outcomes.find((x) => x.direction === 'set' && x.hop === r.hop && x.stage === r.stage && x.raw === r.raw)!;
        expect(o, `Set-Cookie ${r.raw}`).toBeDefined();
        const v = view.find((x) => x.direction === 'set' && x.hop === r.hop && x.stage === r.stage && x.raw === r.raw);
        expect({ raw: r.raw, reasons: [...(v?.blockedReasons ?? [])].sort() }).toEqual({ raw: r.raw, reasons: r.reasons });
        if (r.stored !== undefined) {
          // The recorder counts a line a later line overwrote as stored, as we do.
          const later = outcomes.slice(outcomes.indexOf(o) + 1);
          const stored =
            r.stage === 'actual' &&
            o.outcome !== 'blocked' &&
            (jarAfter.some((c) => c.name === r.name && r.raw?.includes(c.value)) ||
              later.some((x) => x.direction === 'set' && x.name === o.name && x.domain === o.domain && x.path === o.path && x.outcome !== 'blocked'));
          expect({ raw: r.raw, stored }).toEqual({ raw: r.raw, stored: r.stored });
        }
        const url = (r.stage === 'preflight' ? flow.hops[r.hop]?.preflight : flow.hops[r.hop])?.request.url ?? '';
        if (o.outcome !== 'blocked') expect({ raw: r.raw, warnings: [...o.reasons].sort() }).toEqual({ raw: r.raw, warnings: issueWarnings(rec, 'SetCookie', r.name, url) });
      }

      const sends = rec.cookies.filter((c) => c.direction === 'send');
      const ours = outcomes.filter(
        (o) => o.direction === 'send' && view.some((v) => v.direction === 'send' && v.hop === o.hop && v.stage === o.stage && v.name === o.name),
      );
      const shape = (xs: { name: string; hop: number; stage: string; domain?: string; path?: string; reasons: string[] }[]) =>
        xs.map((x) => `${x.hop}/${x.stage} ${x.name}@${x.domain ?? ''}${x.path ?? ''} [${[...x.reasons].sort().join(',')}]`).sort();
      expect(shape(ours.map((o) => ({ ...o, reasons: o.outcome === 'blocked' ? o.reasons : [] })))).toEqual(shape(sends));
      for (const o of ours.filter((x) => x.outcome !== 'blocked')) {
        expect({ name: o.name, warnings: [...o.reasons].sort() }).toEqual({
          name: o.name,
          warnings: issueWarnings(rec, 'ReadCookie', o.name, flow.hops[o.hop]?.request.url ?? ''),
        });
      }
    });
  }
});
