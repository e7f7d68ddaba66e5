/**
 * Ground truth: 56 flows recorded from Chromium 156 (fixtures/chromium-156.json, 28 situations ×
 * third-party cookies allowed and blocked). For each, the module must report exactly what CDP
 * reported — every blocked Set-Cookie line with its reasons in Chromium's order, every associated
 * cookie with its reasons — and its jar afterwards must equal Chromium's.
 * Re-record: `npx tsx test/cookies/record-chromium-cookies.ts --compare src/cookies/fixtures/chromium-156.json`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow, StoredCookie } from '../model/index.ts';
import { chromiumView, cookieOutcomes, nextJar } from './index.ts';

interface Case {
  id: string;
  thirdPartyCookies: 'allowed' | 'blocked';
  now: number;
  flow: Flow;
  jarBefore: StoredCookie[];
  jarAfter: StoredCookie[];
  truth: {
    set: { hop: number; stage: 'preflight' | 'actual'; blocked: { line: string; reasons: string[] }[] }[];
    send: { hop: number; stage: 'preflight' | 'actual'; cookies: { name: string; domain: string; path: string; reasons: string[] }[] }[];
  };
}

// The fixture writes long runs of one character as ⟦x*4100⟧.
const unsqueeze = (_k: string, v: unknown) =>
  typeof v === 'string' ? v.replace(/⟦(.)\*(\d+)⟧/gu, (_m, ch: string, n: string) => ch.repeat(Number(n))) : v;
const fixture = JSON.parse(readFileSync(new URL('./fixtures/chromium-156.json', import.meta.url), 'utf8'), unsqueeze) as {
  cases: Case[];
};

const setLines = (c: Case, hop: number, stage: 'preflight' | 'actual'): string[] => {
  const h = c.flow.hops[hop]!;
  const ex = stage === 'preflight' ? h.preflight : h;
  return (ex?.response?.headers ?? []).filter((x) => x.name.toLowerCase() === 'set-cookie').flatMap((x) => x.value.split('\n'));
};
const jarKey = (c: StoredCookie) =>
  `${c.name}=${c.value}@${c.hostOnly ? '' : '.'}${c.domain}${c.path} secure=${c.secure} ss=${c.sameSite} pk=${c.partitionKey ?? ''}`;

describe('cookie outcomes agree with Chromium 156', () => {
  it('has the recorded cases', () => {
    expect(fixture.cases.length).toBe(56);
  });

  for (const c of fixture.cases) {
    it(c.id, () => {
      const ctx = { browser: 'chrome' as const, thirdPartyCookies: c.thirdPartyCookies, cookieJar: c.jarBefore, now: c.now };
      const outcomes = cookieOutcomes(c.flow, ctx, { corsAllowed: true });
      const view = chromiumView(outcomes);

      for (const s of c.truth.set) {
        for (const line of setLines(c, s.hop, s.stage)) {
          const expected = s.blocked.find((b) => b.line === line)?.reasons ?? [];
          const ours = view.find((v) => v.direction === 'set' && v.hop === s.hop && v.stage === s.stage && v.raw === line);
          expect({ line, reasons: ours?.blockedReasons ?? [] }).toEqual({ line, reasons: expected });
        }
      }

      for (const s of c.truth.send) {
        const ours = outcomes
          .filter((o) => o.direction === 'send' && o.hop === s.hop && o.stage === s.stage)
          .filter((o) => view.some((v) => v.direction === 'send' && v.hop === o.hop && v.stage === o.stage && v.name === o.name))
          .map((o) => ({ name: o.name, domain: o.domain, path: o.path, reasons: o.outcome === 'blocked' ? o.reasons : [] }));
        const sort = (xs: { name: string; domain?: string; path?: string }[]) =>
          [...xs].sort((a, b) => `${a.name}${a.domain}${a.path}`.localeCompare(`${b.name}${b.domain}${b.path}`));
        expect(sort(ours)).toEqual(sort(s.cookies));
      }

      expect(nextJar(c.jarBefore, c.flow, ctx).map(jarKey).sort()).toEqual(c.jarAfter.map(jarKey).sort());
    });
  }
});
