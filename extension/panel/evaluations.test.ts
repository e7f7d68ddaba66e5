import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flowsFromRecords } from '../../src/correlate/webrequest.ts';
import { evaluateAll } from '../../src/evaluate/index.ts';
import type { EvaluationContext, Flow, WebRequestRecord } from '../../src/model/index.ts';
import { IncrementalEvaluator } from './evaluations.ts';

const recordsOf = (name: string): WebRequestRecord[] =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, `../../test/fixtures/webrequest/${name}.json`), 'utf8')).records;

const ctx: EvaluationContext = { browser: 'chrome', thirdPartyCookies: 'allowed', now: Date.parse('2026-11-29T21:00:00Z') };

/** Flows with cookies set on one flow and sent on the next, and credentialed grants to two origins. */
function cookieFlows(): Flow[] {
  const base = (id: string, origin: string, hops: Flow['hops']): Flow => ({
    id,
    request: { url: hops[0]!.request.url, method: 'GET', headers: [], mode: 'cors', credentials: 'include', initiatorType: 'fetch', origin },
    hops,
    inferred: [],
  });
  const hop = (url: string, reqHeaders: [string, string][], resHeaders: [string, string][]) => ({
    request: { url, method: 'GET', headers: reqHeaders.map(([name, value]) => ({ name, value })) },
    response: { status: 200, headers: resHeaders.map(([name, value]) => ({ name, value })) },
    sent: true,
  });
  return [
    base('c1', 'https://a.test', [hop('https://api.b.test/login', [['Origin', 'https://a.test']], [['Access-Control-Allow-Origin', 'https://a.test'], ['Access-Control-Allow-Credentials', 'true'], ['Set-Cookie', 'sid=1; SameSite=None; Secure']])]),
    base('c2', 'https://other.test', [hop('https://api.b.test/me', [['Origin', 'https://other.test']], [['Access-Control-Allow-Origin', 'https://other.test'], ['Access-Control-Allow-Credentials', 'true']])]),
    base('c3', 'https://a.test', [hop('https://api.b.test/me', [['Origin', 'https://a.test']], [['Access-Control-Allow-Origin', 'https://a.test'], ['Access-Control-Allow-Credentials', 'true']])]),
  ];
}

describe('IncrementalEvaluator', () => {
  const lists: [string, Flow[]][] = [
    ['chromium-http', flowsFromRecords(recordsOf('chromium-http'), { browser: { name: 'chrome' } })],
    ['chromium-https', flowsFromRecords(recordsOf('chromium-https'), { browser: { name: 'chrome' } })],
    ['cookies and reflection', cookieFlows()],
  ];
  for (const [name, flows] of lists) {
    it(`gives what evaluateAll gives, as the list grows one flow at a time (${name})`, () => {
      const inc = new IncrementalEvaluator(ctx);
      for (let n = 1; n <= flows.length; n++) expect(inc.update(flows.slice(0, n))).toEqual(evaluateAll(flows.slice(0, n), ctx));
    });
    it(`gives what evaluateAll gives when a flow in the middle changes (${name})`, () => {
      const inc = new IncrementalEvaluator(ctx);
      inc.update(flows);
      const changed = flows.map((f, i) => (i === Math.floor(flows.length / 2) ? structuredClone(f) : f));
      changed[Math.floor(flows.length / 2)]!.hops[0]!.response = { status: 500, headers: [] };
      expect(inc.update(changed)).toEqual(evaluateAll(changed, ctx));
    });
  }
  it('keeps unchanged evaluations (the same objects) across updates', () => {
    const flows = lists[0]![1];
    const inc = new IncrementalEvaluator(ctx);
    const first = inc.update(flows.slice(0, -1));
    const second = inc.update(flows);
    expect(second.slice(0, -1).every((e, i) => e === first[i])).toBe(true);
  });
  it('reports the cross-flow reflection warning without piling it up on repeated updates', () => {
    const inc = new IncrementalEvaluator(ctx);
    inc.update(cookieFlows());
    const again = inc.update(cookieFlows());
    const codes = again.map((e) => e.warnings.filter((w) => w.code === 'ReflectedOriginWithCredentials').length);
    expect(codes).toEqual(evaluateAll(cookieFlows(), ctx).map((e) => e.warnings.filter((w) => w.code === 'ReflectedOriginWithCredentials').length));
    expect(Math.max(...codes)).toBe(1);
  });
});
